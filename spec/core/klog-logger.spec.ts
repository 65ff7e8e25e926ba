import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type LogEntry, type LoggingFormat, fakeClock, klogLogger, newVerbosity } from '../../src/core/index.js'

const logger = suite('klogLogger')

const make = (format: LoggingFormat, v: number, caller?: string) => {
  const lines: string[] = []
  const clock = fakeClock(1765069323456)
  const verbosity = newVerbosity(v)
  const log = klogLogger({
    format,
    verbosity,
    write: (l) => void lines.push(l),
    now: clock.now,
    pid: 99,
    ...(caller === undefined ? {} : { caller }),
  })
  return { lines, clock, verbosity, log }
}

logger('writes only entries at or below the verbosity: debug and V(n>0) lines stay out at -v=0', () => {
  const { lines, log } = make('json', 0, 'x.ts:1')
  log({ level: 'error', msg: 'e' })
  log({ level: 'warn', msg: 'w' })
  log({ level: 'info', msg: 'i' })
  log({ level: 'info', v: 1, msg: 'i1' })
  log({ level: 'debug', msg: 'd' })
  log({ level: 'debug', v: 2, msg: 'd2' })
  assert.equal(
    lines.map((l) => (JSON.parse(l) as { msg: string }).msg),
    ['e', 'w', 'i'],
  )
})

logger('a verbosity changed at run time applies to the next entry', () => {
  const { lines, log, verbosity } = make('text', 0, 'x.ts:1')
  const http: LogEntry = { level: 'info', v: 3, msg: 'HTTP' }
  log(http)
  verbosity.set(3)
  log(http)
  log({ level: 'debug', v: 5, msg: 'tls' })
  verbosity.set(2)
  log(http)
  assert.equal(
    lines.map((l) => l.slice(l.indexOf(']') + 2)),
    ['"HTTP"\n'],
  )
})

logger('an entry above the verbosity is not formatted at all: its fields are never read', () => {
  const { lines, log } = make('text', 1)
  let reads = 0
  const fields = {
    get costly(): string {
      reads += 1
      return 'x'
    },
  }
  log({ level: 'debug', msg: 'hidden', fields })
  assert.is(reads, 0)
  log({ level: 'info', v: 1, msg: 'shown', fields })
  assert.is(reads, 1)
  assert.is(lines.length, 1)
})

logger('stamps each line with the injected clock', () => {
  const { lines, log, clock } = make('json', 0, 'x.ts:1')
  log({ level: 'info', msg: 'a' })
  clock.advance(1500)
  log({ level: 'info', msg: 'b' })
  assert.equal(
    lines.map((l) => (JSON.parse(l) as { ts: number }).ts),
    [1765069323456, 1765069324956],
  )
})

logger('names the calling file and line, or the fixed caller it was given', () => {
  const { lines, log } = make('text', 0)
  const line = new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1]
  log({ level: 'info', msg: 'here' })
  assert.match(lines[0]!, ` core/klog-logger.spec.ts:${Number(line) + 1}] "here"`)
  const fixed = make('json', 0, 'kubechain')
  fixed.log({ level: 'info', msg: 'm' })
  assert.is((JSON.parse(fixed.lines[0]!) as { caller: string }).caller, 'kubechain')
})

logger.run()
