import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { loadTokenFile } from '../../src/auth/load-token-file.js'

const load = suite('loadTokenFile')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-tokens-'))

load('reads and parses a token file', async () => {
  const file = path.join(dir, 'ok.csv')
  fs.writeFileSync(file, 'secret,alice,uid-1,"dev,ops"\n')
  const r = await loadTokenFile(file)()
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.equal(r.right.tokens.get('secret'), { name: 'alice', uid: 'uid-1', groups: ['dev', 'ops'], extra: {} })
})

load('a bad record is a Left naming the file and line', async () => {
  const file = path.join(dir, 'bad.csv')
  fs.writeFileSync(file, 'a,b,c\nshort,line\n')
  const r = await loadTokenFile(file)()
  assert.equal(E.isLeft(r) && [r.left.path, r.left.line], [file, 2])
})

load('a missing file is a Left with line 0, not a rejection', async () => {
  const file = path.join(dir, 'missing.csv')
  const r = await loadTokenFile(file)()
  assert.ok(E.isLeft(r))
  if (E.isLeft(r)) {
    assert.is(r.left.line, 0)
    assert.match(r.left.message, 'ENOENT')
  }
})

load.after(() => fs.rmSync(dir, { recursive: true, force: true }))
load.run()
