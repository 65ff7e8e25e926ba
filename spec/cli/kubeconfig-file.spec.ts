import * as E from 'fp-ts/lib/Either.js'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { kubeconfigFileProblems, writeKubeconfig } from '../../src/cli/kubeconfig-file.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-kubeconfig-file-'))
const at = (...parts: string[]): string => path.join(dir, ...parts)
const mode = (file: string): number => fs.statSync(file).mode & 0o777
const isRoot = process.getuid?.() === 0

const problems = suite('kubeconfigFileProblems')

problems('a new file, an existing file and a file under missing directories are fine, and nothing is written', () => {
  assert.equal(kubeconfigFileProblems(at('new')), [])
  assert.equal(kubeconfigFileProblems(at('a', 'b', 'c', 'config')), [])
  assert.is(fs.existsSync(at('a')), false)
  fs.writeFileSync(at('old'), 'x')
  assert.equal(kubeconfigFileProblems(at('old')), [])
})

problems('a directory is named with the flag', () => {
  assert.equal(kubeconfigFileProblems(dir), [{ path: `--write-kubeconfig ${dir}`, message: 'expected a file, got a directory' }])
})

problems('a path through a file is named with the file in the way', () => {
  fs.writeFileSync(at('blocker'), '')
  const file = at('blocker', 'sub', 'config')
  assert.equal(kubeconfigFileProblems(file), [
    { path: `--write-kubeconfig ${file}`, message: `expected a directory at ${at('blocker')}, got a file` },
  ])
})

problems('a directory that cannot be written to is named (not as root, who may write anywhere)', () => {
  if (isRoot) return
  fs.mkdirSync(at('locked'), { mode: 0o500 })
  const file = at('locked', 'config')
  assert.equal(kubeconfigFileProblems(file), [
    { path: `--write-kubeconfig ${file}`, message: `cannot create it: ${at('locked')} is not writable` },
  ])
})

problems.run()

const write = suite('writeKubeconfig')

write('makes missing directories and a file only its owner may read', () => {
  const file = at('x', 'y', 'config')
  assert.equal(writeKubeconfig(file, 'hello\n'), E.right(undefined))
  assert.is(fs.readFileSync(file, 'utf8'), 'hello\n')
  assert.is(mode(file), 0o600)
  assert.is(mode(at('x', 'y')), 0o700)
})

write('an existing readable file is made 0600 and its content replaced', () => {
  const file = at('shared')
  fs.writeFileSync(file, 'a much longer old content\n', { mode: 0o644 })
  fs.chmodSync(file, 0o644)
  assert.equal(writeKubeconfig(file, 'new\n'), E.right(undefined))
  assert.is(fs.readFileSync(file, 'utf8'), 'new\n')
  assert.is(mode(file), 0o600)
})

write('a directory at the path is an error, not a throw', () => {
  const r = writeKubeconfig(dir, 'x')
  assert.ok(E.isLeft(r) && r.left.message.includes('EISDIR'), JSON.stringify(r))
})

write.after(() => fs.rmSync(dir, { recursive: true, force: true }))
write.run()
