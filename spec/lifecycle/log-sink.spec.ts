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
  const fd = fs.openSync(file, 'w')
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

sink('on process exit, what is still queued is written synchronously', () =>
  withFile((fd, read) => {
    const { proc, exit, listeners } = fakeProcess()
    const s = fdLogSink(fd, proc)
    assert.is(listeners.length, 1)
    s.write('first\n')
    s.write('last words\n')
    exit()
    assert.is(read(), 'first\nlast words\n')
  }),
)

sink('flushSync writes what is queued at once', () =>
  withFile((fd, read) => {
    const s = fdLogSink(fd, fakeProcess().proc)
    s.write('fatal: cannot listen\n')
    s.flushSync()
    assert.is(read(), 'fatal: cannot listen\n')
  }),
)

sink.run()
