import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeEvent } from '../../src/audit/encode-event.js'
import * as E from 'fp-ts/lib/Either.js'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { backupName, ensureLogFile, logBackend, logBackendDefaults } from '../../src/audit/log-backend.js'
import { fakeClock, recordingLogger } from '../../src/core/index.js'
import { sampleEvent } from './fixtures.js'

const t0 = Date.UTC(2026, 10, 23, 10, 0, 0, 0)
const lineSize = Buffer.byteLength(`${encodeEvent(sampleEvent('e00'))}\n`)

const withDir = async (f: (dir: string) => Promise<void> | void): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-audit-log-'))
  try {
    await f(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const Log = suite('logBackend')

Log('writes one JSON line per event, in order, appending', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'sub', 'audit.log')
    const backend = logBackend({ ...logBackendDefaults, path: file }, { clock: fakeClock(t0), log: recordingLogger().log })
    assert.is(backend.processEvents([sampleEvent('a'), sampleEvent('b')]), true)
    assert.is(backend.processEvents([sampleEvent('c')]), true)
    await backend.shutdown()
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    assert.equal(lines, [encodeEvent(sampleEvent('a')), encodeEvent(sampleEvent('b')), encodeEvent(sampleEvent('c')), ''])
    assert.is(fs.statSync(file).mode & 0o777, 0o600)
  }),
)

Log('writes a batch larger than one write whole and in order, and rotates only between writes of whole lines', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'audit.log')
    const events = Array.from({ length: 600 }, (_, i) => sampleEvent(`e${String(i).padStart(3, '0')}`))
    const maxSizeMB = (300 * lineSize) / (1024 * 1024) // a 600-line batch cannot fit in one file
    let now = t0
    const clock = { ...fakeClock(t0), now: () => (now += 1000) } // each rotation gets its own backup name
    const backend = logBackend({ path: file, maxSizeMB, maxBackups: 0, maxAgeDays: 0 }, { clock, log: recordingLogger().log })
    assert.is(backend.processEvents(events), true)
    await backend.shutdown()
    const files = fs.readdirSync(dir).sort()
    assert.ok(files.length >= 3, files.join(' '))
    const backups = files.filter((f) => f !== 'audit.log')
    const all = [...backups, 'audit.log'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    for (const text of all) assert.ok(text.endsWith('\n') && Buffer.byteLength(text) <= 300 * lineSize)
    assert.equal(all.join('').split('\n'), [...events.map(encodeEvent), ''])
  }),
)

Log('rotates at maxsize into timestamped backups and keeps maxbackup of them', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'audit.log')
    const clock = fakeClock(t0)
    const maxSizeMB = (2 * lineSize + 1) / (1024 * 1024) // two lines per file
    const backend = logBackend({ path: file, maxSizeMB, maxBackups: 2, maxAgeDays: 0 }, { clock, log: recordingLogger().log })
    for (let i = 0; i < 9; i++) {
      assert.is(backend.processEvents([sampleEvent(`e0${i}`)]), true)
      clock.advance(1000)
    }
    await backend.shutdown()
    const names = fs.readdirSync(dir).sort()
    assert.equal(names, ['audit-2026-11-23T10-00-06.000.log', 'audit-2026-11-23T10-00-08.000.log', 'audit.log'])
    assert.equal(
      fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { auditID: string }).auditID),
      ['e08'],
    )
    const newest = fs
      .readFileSync(path.join(dir, names[1] as string), 'utf8')
      .trim()
      .split('\n')
    assert.equal(
      newest.map((l) => (JSON.parse(l) as { auditID: string }).auditID),
      ['e06', 'e07'],
    )
  }),
)

Log('removes backups older than maxage days', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'audit.log')
    const clock = fakeClock(t0)
    const maxSizeMB = (lineSize + 1) / (1024 * 1024)
    const backend = logBackend({ path: file, maxSizeMB, maxBackups: 0, maxAgeDays: 1 }, { clock, log: recordingLogger().log })
    backend.processEvents([sampleEvent('e00')])
    backend.processEvents([sampleEvent('e01')]) // rotates at t0
    clock.advance(2 * 86_400_000)
    backend.processEvents([sampleEvent('e02')]) // rotates at t0 + 2 days, the first backup is too old
    await backend.shutdown()
    assert.equal(fs.readdirSync(dir).sort(), ['audit-2026-11-25T10-00-00.000.log', 'audit.log'])
  }),
)

Log('a write error is logged and reported as failure, never thrown', () =>
  withDir(async (dir) => {
    const logger = recordingLogger()
    const backend = logBackend({ ...logBackendDefaults, path: dir }, { clock: fakeClock(t0), log: logger.log }) // a directory
    assert.is(backend.processEvents([sampleEvent('a')]), false)
    assert.equal(
      logger.entries.map((e) => e.msg),
      ['error writing audit events'],
    )
    const tiny = logBackend(
      { ...logBackendDefaults, path: path.join(dir, 'a.log'), maxSizeMB: 10 / (1024 * 1024) },
      { clock: fakeClock(t0), log: logger.log },
    )
    assert.is(tiny.processEvents([sampleEvent('a')]), false)
    assert.match(String(logger.entries[1]?.error), 'exceeds maximum file size')
    await backend.shutdown()
  }),
)

Log('events a failed write did not store are counted, and logged at once then at most once a second', () =>
  withDir(async (dir) => {
    const logger = recordingLogger()
    const clock = fakeClock(t0)
    const backend = logBackend({ ...logBackendDefaults, path: dir }, { clock, log: logger.log }) // a directory
    const summary = () => logger.entries.map((e) => [e.msg, e.fields?.['dropped'], e.fields?.['droppedTotal'], e.fields?.['auditID']])
    assert.is(backend.processEvents([sampleEvent('a'), sampleEvent('b'), sampleEvent('c')]), false)
    assert.is(backend.droppedEvents?.(), 3)
    assert.equal(summary(), [['error writing audit events', 3, 3, 'a']])
    assert.match(String(logger.entries[0]?.error), 'EISDIR')
    backend.processEvents([sampleEvent('d')])
    backend.processEvents([sampleEvent('e')])
    assert.is(logger.entries.length, 1, 'no second line within the second')
    clock.advance(1_000)
    assert.equal(summary().slice(1), [['error writing audit events', 2, 5, 'd']])
    backend.processEvents([sampleEvent('f')])
    await backend.shutdown()
    assert.equal(summary().slice(2), [['error writing audit events', 1, 6, 'f']], 'shutdown logs what is pending')
    assert.is(backend.droppedEvents?.(), 6)
  }),
)

Log('a write failing after earlier whole chunks were written counts only the events it did not write', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'audit.log')
    const small = Array.from({ length: Math.ceil((64 * 1024) / lineSize) }, (_, i) =>
      sampleEvent(`e${String(i).padStart(2, '0')}`.slice(0, 3)),
    )
    const big = sampleEvent('big', { annotations: { blob: 'x'.repeat(200 * 1024) } })
    const backend = logBackend({ ...logBackendDefaults, path: file, maxSizeMB: 0.1 }, { clock: fakeClock(t0), log: recordingLogger().log })
    assert.is(backend.processEvents([...small, big]), false)
    assert.is(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '').length,
      small.length,
      'the first chunk is on disk',
    )
    assert.is(backend.droppedEvents?.(), 1)
    await backend.shutdown()
  }),
)

Log('an event that cannot be encoded fails the call: the lines before it are written, it and the rest are counted', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'audit.log')
    const backend = logBackend({ ...logBackendDefaults, path: file }, { clock: fakeClock(t0), log: recordingLogger().log })
    const bad = sampleEvent('bad', { requestObject: { n: 1n } }) // JSON cannot write a BigInt
    assert.is(backend.processEvents([sampleEvent('a'), sampleEvent('b'), bad, sampleEvent('c')]), false)
    assert.equal(fs.readFileSync(file, 'utf8').split('\n'), [encodeEvent(sampleEvent('a')), encodeEvent(sampleEvent('b')), ''])
    assert.is(backend.droppedEvents?.(), 2)
    await backend.shutdown()
  }),
)

Log('fills each file up to maxsize with whole lines before it rotates, whatever the batch', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'audit.log')
    const maxSizeMB = (3 * lineSize) / (1024 * 1024) // three lines exactly
    let now = t0
    const clock = { ...fakeClock(t0), now: () => (now += 1000) }
    const backend = logBackend({ path: file, maxSizeMB, maxBackups: 0, maxAgeDays: 0 }, { clock, log: recordingLogger().log })
    const events = Array.from({ length: 8 }, (_, i) => sampleEvent(`e0${i}`))
    assert.is(backend.processEvents(events.slice(0, 1)), true)
    assert.is(backend.processEvents(events.slice(1)), true)
    await backend.shutdown()
    const files = fs.readdirSync(dir).sort()
    const sizes = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').length - 1)
    assert.equal(sizes, [3, 3, 2], files.join(' '))
  }),
)

Log('counts nothing when every write succeeds', () =>
  withDir(async (dir) => {
    const backend = logBackend(
      { ...logBackendDefaults, path: path.join(dir, 'audit.log') },
      { clock: fakeClock(t0), log: recordingLogger().log },
    )
    assert.is(backend.processEvents(Array.from({ length: 600 }, (_, i) => sampleEvent(`e${i}`))), true)
    assert.is(backend.droppedEvents?.(), 0)
    await backend.shutdown()
  }),
)

const Backup = suite('backupName')

Backup('is lumberjack style: name-UTC timestamp with millis, then the extension', () => {
  assert.is(backupName('/var/log/audit.log', Date.UTC(2026, 10, 23, 10, 0, 0, 123)), '/var/log/audit-2026-11-23T10-00-00.123.log')
  assert.is(backupName('audit', Date.UTC(2026, 0, 1)), 'audit-2026-01-01T00-00-00.000')
})

// Node's recursive mkdir spins for ever under procfs, which would block this spec process: the backend
// runs in a child, killed after a bound.
const procScript = `
import { logBackend } from './src/audit/log-backend.ts'
import { fakeClock } from './src/core/index.ts'
import { sampleEvent } from './spec/audit/fixtures.ts'
const logged = []
const b = logBackend({ path: '/proc/kubechain/audit.log', maxSizeMB: 0, maxBackups: 0, maxAgeDays: 0 }, { clock: fakeClock(0), log: (e) => logged.push([e.msg, String(e.error)]) })
const ok = b.processEvents([sampleEvent('a'), sampleEvent('b')])
console.log(JSON.stringify({ ok, dropped: b.droppedEvents(), logged }))
`

Log('a log directory procfs refuses fails the write at once: false, the events counted as dropped and logged, no spin', async () => {
  if (!fs.existsSync('/proc/self')) return console.log('  (no procfs here: skipped)')
  const root = fileURLToPath(new URL('../../', import.meta.url))
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', procScript],
      { cwd: root, timeout: 15_000, killSignal: 'SIGKILL' },
      (e, stdout) => (e ? reject(new Error(`the backend did not return within 15 s or failed: ${e.message}`)) : resolve(stdout)),
    ),
  )
  assert.equal(JSON.parse(out), {
    ok: false,
    dropped: 2,
    logged: [['error writing audit events', "Error: ENOENT: no such file or directory, mkdir '/proc/kubechain'"]],
  })
})

const Ensure = suite('ensureLogFile')

Ensure('creates the missing directories (0700) and an empty file (0600); an existing file is kept as it is', () =>
  withDir((dir) => {
    const file = path.join(dir, 'a', 'b', 'audit.log')
    assert.equal(ensureLogFile(file), E.right(undefined))
    assert.is(fs.readFileSync(file, 'utf8'), '')
    assert.is(fs.statSync(path.join(dir, 'a')).mode & 0o777, 0o700)
    assert.is(fs.statSync(file).mode & 0o777, 0o600)
    fs.writeFileSync(file, 'kept\n')
    assert.equal(ensureLogFile(file), E.right(undefined))
    assert.is(fs.readFileSync(file, 'utf8'), 'kept\n')
  }),
)

Ensure('stdout needs nothing; a directory that cannot be made is the error of that level', () =>
  withDir((dir) => {
    assert.equal(ensureLogFile('-'), E.right(undefined))
    const blocked = path.join(dir, 'file')
    fs.writeFileSync(blocked, '')
    const r = ensureLogFile(path.join(blocked, 'sub', 'audit.log'))
    assert.ok(E.isLeft(r) && r.left.message === `ENOTDIR: not a directory, mkdir '${path.join(blocked, 'sub')}'`, JSON.stringify(r))
  }),
)

Log.run()
Ensure.run()
Backup.run()
