import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fdLogSink } from '../../src/lifecycle/index.js'

const sink = suite('fdLogSink')

const withFile = async (f: (fd: number, read: () => string) => Promise<void> | void): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-sink-'))
  const file = path.join(dir, 'log')
  const fd = fs.openSync(file, 'a') // O_APPEND, like a log file: a write never overwrites another
  try {
    await f(fd, () => fs.readFileSync(file, 'utf8'))
  } finally {
    fs.closeSync(fd)
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** A process whose exit listeners the spec calls itself. */
const fakeProcess = () => {
  const listeners: Array<() => void> = []
  return { proc: { once: (_: 'exit', l: () => void) => listeners.push(l) }, exit: () => listeners.forEach((l) => l()), listeners }
}

sink('writes lines in order; flush resolves once they are in the file', () =>
  withFile(async (fd, read) => {
    const { proc } = fakeProcess()
    const s = fdLogSink(fd, proc)
    for (let i = 0; i < 100; i++) s.write(`line ${i}\n`)
    await s.flush()
    assert.equal(
      read().split('\n').slice(0, -1),
      Array.from({ length: 100 }, (_, i) => `line ${i}`),
    )
  }),
)

sink('on process exit, what is still queued is written synchronously; no line is lost', () =>
  withFile(async (fd, read) => {
    const { proc, exit, listeners } = fakeProcess()
    const s = fdLogSink(fd, proc)
    assert.is(listeners.length, 1)
    s.write('first\n')
    await s.flush()
    s.write('in flight\n') // starts an asynchronous write at once
    s.write('last words\n') // queued behind it
    exit()
    assert.ok(read().includes('last words\n'), 'written before exit returns')
    await s.flush()
    assert.equal(read().split('\n').slice(0, -1).sort(), ['first', 'in flight', 'last words'])
  }),
)

sink.run()
