import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pruneBackups } from '../../src/audit/prune-backups.js'

const Prune = suite('pruneBackups')

Prune('keeps the newest maxBackups by name stamp and ignores unrelated files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-prune-'))
  try {
    const names = [
      'audit-2026-01-01T00-00-00.000.log',
      'audit-2026-01-03T00-00-00.000.log',
      'audit-2026-01-02T00-00-00.000.log',
      'audit.log',
      'audit-notes.log',
      'other-2026-01-01T00-00-00.000.log',
    ]
    for (const n of names) fs.writeFileSync(path.join(dir, n), '')
    const removed = pruneBackups(path.join(dir, 'audit.log'), 2, 0, Date.UTC(2026, 0, 4))
    assert.equal(removed, ['audit-2026-01-01T00-00-00.000.log'])
    assert.equal(fs.readdirSync(dir).sort(), names.filter((n) => n !== removed[0]).sort())
    assert.equal(pruneBackups(path.join(dir, 'audit.log'), 0, 1, Date.UTC(2026, 0, 4)), ['audit-2026-01-02T00-00-00.000.log'])
    assert.equal(pruneBackups(path.join(dir, 'missing', 'audit.log'), 1, 1, 0), [])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

Prune.run()
