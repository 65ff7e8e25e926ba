import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { runServe } from '../../src/cli/serve-command.js'
import { defaultDeps, recordingLogger } from '../../src/core/index.js'

/** Runs `kubechain serve <argv>` in process; `stop` is never expected to be asked for (nothing here serves). */
const serve = async (argv: ReadonlyArray<string>) => {
  let out = ''
  let err = ''
  let stopAsked = false
  const code = await runServe(argv, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    stop: () => {
      stopAsked = true
      return AbortSignal.abort()
    },
    deps: { ...defaultDeps, log: recordingLogger().log },
  })
  return { code, out, err, errLines: err.split('\n').filter((l) => l !== ''), stopAsked }
}

const withDir = async (body: (dir: string) => Promise<void>): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-serve-cmd-'))
  try {
    await body(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const flags = suite('runServe flags')

flags('bad flags exit 2 and print every problem, one line each, sorted by flag, before serving', async () => {
  const r = await serve([
    '--secure-port=70000',
    '--max-requests-inflight=-1',
    '--authorization-mode=Bogus',
    '--nope',
    '--request-timeout=abc',
    '--tls-min-version=VersionTLS99',
    '-v',
    'x',
  ])
  assert.is(r.code, 2)
  assert.is(r.out, '')
  assert.is(r.stopAsked, false)
  assert.equal(r.errLines, [
    'authorization-mode "Bogus" is not a valid mode',
    '--max-requests-inflight can not be negative value',
    'unknown flag: --nope',
    '--request-timeout: expected a duration like 1m30s, got "abc"',
    '--secure-port 70000 must be between 1 and 65535, inclusive. It cannot be turned off with 0',
    '--tls-min-version: unknown tls version "VersionTLS99"',
    '--v: expected an integer, got "x"',
  ])
  assert.ok(r.err.endsWith('\n'))
})

flags('a single bad flag is one line', async () => {
  const r = await serve(['--shutdown-delay-duration=soon'])
  assert.is(r.code, 2)
  assert.equal(r.errLines, ['--shutdown-delay-duration: expected a duration like 1m30s, got "soon"'])
})

flags('--help and -h print the flag sections on stdout and exit 0 without serving', async () => {
  for (const arg of ['--help', '-h']) {
    const r = await serve([arg])
    assert.is(r.code, 0)
    assert.is(r.err, '')
    assert.is(r.stopAsked, false)
    assert.ok(r.out.startsWith('Usage:\n  kubechain serve [flags]\n'), r.out.slice(0, 80))
    const sections = r.out.split('\n').filter((l) => /^[A-Z][a-z ]+ flags:$/.test(l))
    assert.equal(sections, ['Generic flags:', 'Secure serving flags:', 'Authentication flags:', 'Authorization flags:', 'Auditing flags:', 'Logs flags:', 'Global flags:'])
    for (const flag of ['--secure-port int', '--bind-address ip', '--token-auth-file string', '--authorization-mode strings', '--audit-log-mode string', '--shutdown-delay-duration duration']) {
      assert.match(r.out, flag)
    }
    const unwrapped = r.out.replace(/\s+/g, ' ')
    assert.match(unwrapped, 'It cannot be switched off with 0. (default 6443)')
    assert.match(unwrapped, 'AlwaysAllow,AlwaysDeny,RBAC. (default [RBAC])')
  }
})

flags('--help wins over bad flags beside it', async () => {
  const r = await serve(['--secure-port=0', '--help'])
  assert.is(r.code, 0)
  assert.match(r.out, 'Usage:')
})

const files = suite('runServe files')

files('a token file that cannot be read exits 2 with one line naming the flag and the file', () =>
  withDir(async (dir) => {
    const tokens = path.join(dir, 'missing.csv')
    const r = await serve([`--cert-dir=${dir}`, `--token-auth-file=${tokens}`])
    assert.is(r.code, 2)
    assert.is(r.stopAsked, false)
    assert.is(r.errLines.length, 1)
    assert.ok(r.errLines[0]?.startsWith(`--token-auth-file ${tokens}: `), r.err)
    assert.is(r.out, '', 'no banner and no token printed')
  }),
)

files('a malformed token file exits 2 naming the file and its line', () =>
  withDir(async (dir) => {
    const tokens = path.join(dir, 'tokens.csv')
    fs.writeFileSync(tokens, 'secret,alice,1\n"unclosed,bob,2\n')
    const r = await serve([`--cert-dir=${dir}`, `--token-auth-file=${tokens}`])
    assert.is(r.code, 2)
    assert.is(r.errLines.length, 1, r.err)
    assert.ok(r.errLines[0]?.startsWith(`--token-auth-file ${tokens}: line 2: `), r.err)
  }),
)

files('a bad RBAC policy file exits 2, every line naming the file', () =>
  withDir(async (dir) => {
    const rbac = path.join(dir, 'rbac.yaml')
    fs.writeFileSync(rbac, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: r }\nrules: [{ verbs: [] }]\n---\napiVersion: v1\nkind: Pod\n')
    const r = await serve([`--cert-dir=${dir}`, `--authorization-policy-file=${rbac}`])
    assert.is(r.code, 2)
    assert.is(r.stopAsked, false)
    assert.ok(r.errLines.length >= 2, r.err)
    assert.ok(r.errLines.every((l) => l.startsWith(`${rbac}[`)), r.err)
    assert.ok(r.errLines.some((l) => l.startsWith(`${rbac}[1]`) && l.includes('unknown kind "Pod"')), r.err)
  }),
)

files('a bad audit policy exits 2, every line naming the file; no audit log is created', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    const log = path.join(dir, 'audit.log')
    fs.writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n')
    const r = await serve([`--cert-dir=${dir}`, `--audit-policy-file=${policy}`, `--audit-log-path=${log}`])
    assert.is(r.code, 2)
    assert.is(r.stopAsked, false)
    assert.ok(r.errLines.length >= 1 && r.errLines.every((l) => l.startsWith(`${policy}: `)), r.err)
    assert.match(r.err, 'Loud')
    assert.is(fs.existsSync(log), false)
  }),
)

files('a missing audit policy exits 2 naming the file', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'missing.yaml')
    const r = await serve([`--cert-dir=${dir}`, `--audit-policy-file=${policy}`, `--audit-log-path=${path.join(dir, 'audit.log')}`])
    assert.is(r.code, 2)
    assert.equal(r.errLines.length, 1, r.err)
    assert.ok(r.errLines[0]?.startsWith(`${policy}: failed to read file: `), r.err)
  }),
)

files('a missing client CA file exits 2 naming the file', () =>
  withDir(async (dir) => {
    const caFile = path.join(dir, 'ca.crt')
    const r = await serve([`--cert-dir=${dir}`, `--client-ca-file=${caFile}`])
    assert.is(r.code, 2)
    assert.ok(r.errLines[0]?.startsWith(`unable to load client CA file ${caFile}: `), r.err)
  }),
)

flags.run()
files.run()
