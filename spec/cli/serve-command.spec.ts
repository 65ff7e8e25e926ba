import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { runServe } from '../../src/cli/serve-command.js'
import { defaultDeps, recordingLogger } from '../../src/core/index.js'
import { parse } from 'yaml'
import { ca, strangerCa } from '../auth/fixtures.js'
import { freePort } from '../support/serve-child.js'

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
    assert.equal(sections, [
      'Generic flags:',
      'Secure serving flags:',
      'Authentication flags:',
      'Authorization flags:',
      'Auditing flags:',
      'Features flags:',
      'Logs flags:',
      'Traces flags:',
      'Client flags:',
      'Global flags:',
    ])
    for (const flag of [
      '--secure-port int',
      '--bind-address ip',
      '--token-auth-file string',
      '--authorization-mode strings',
      '--audit-log-mode string',
      '--tracing-config-file string',
      '--shutdown-delay-duration duration',
    ]) {
      assert.match(r.out, flag)
    }
    const unwrapped = r.out.replace(/\s+/g, ' ')
    assert.match(unwrapped, 'It cannot be switched off with 0. (default 6443)')
    assert.match(unwrapped, 'AlwaysAllow,AlwaysDeny,RBAC. (default [RBAC])')
    for (const flag of [
      '--audit-log-batch-buffer-size int',
      '--audit-log-batch-max-size int',
      '--audit-log-batch-max-wait duration',
      '--audit-log-batch-throttle-burst int',
      '--audit-log-batch-throttle-qps float32',
    ]) {
      assert.match(r.out, flag)
    }
    assert.match(unwrapped, 'The size of the buffer to store events before batching and writing. Only used in batch mode. (default 10000)')
    assert.match(unwrapped, '--audit-log-batch-throttle-enable Whether batching throttling is enabled. Only used in batch mode.')
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

files('a bad RBAC policy file exits 2, every line naming the flag and the file', () =>
  withDir(async (dir) => {
    const rbac = path.join(dir, 'rbac.yaml')
    fs.writeFileSync(
      rbac,
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: r }\nrules: [{ verbs: [] }]\n---\napiVersion: v1\nkind: Pod\n',
    )
    const r = await serve([`--cert-dir=${dir}`, `--authorization-policy-file=${rbac}`])
    assert.is(r.code, 2)
    assert.is(r.stopAsked, false)
    assert.ok(r.errLines.length >= 2, r.err)
    assert.ok(
      r.errLines.every((l) => l.startsWith(`--authorization-policy-file ${rbac}[`)),
      r.err,
    )
    assert.ok(
      r.errLines.some((l) => l.startsWith(`--authorization-policy-file ${rbac}[1]`) && l.includes('unknown kind "Pod"')),
      r.err,
    )
  }),
)

files('a bad audit policy exits 2, every line naming the flag and the file; no audit log is created', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    const log = path.join(dir, 'audit.log')
    fs.writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n')
    const r = await serve([`--cert-dir=${dir}`, `--audit-policy-file=${policy}`, `--audit-log-path=${log}`])
    assert.is(r.code, 2)
    assert.is(r.stopAsked, false)
    assert.ok(r.errLines.length >= 1 && r.errLines.every((l) => l.startsWith(`--audit-policy-file ${policy}: `)), r.err)
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
    assert.ok(r.errLines[0]?.startsWith(`--audit-policy-file ${policy}: failed to read file: `), r.err)
  }),
)

files('a missing or malformed tracing configuration exits 2, each problem naming the flag and the file', () =>
  withDir(async (dir) => {
    const missing = path.join(dir, 'missing.yaml')
    const r1 = await serve([`--cert-dir=${dir}`, `--tracing-config-file=${missing}`])
    assert.is(r1.code, 2)
    assert.equal(r1.errLines.length, 1, r1.err)
    assert.ok(r1.errLines[0]?.startsWith(`--tracing-config-file ${missing}: unable to read tracing configuration: ENOENT`), r1.err)
    const bad = path.join(dir, 'tracing.yaml')
    fs.writeFileSync(bad, 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -5\nendpont: x\n')
    const r2 = await serve([`--cert-dir=${dir}`, `--tracing-config-file=${bad}`])
    assert.is(r2.code, 2)
    assert.equal(r2.errLines, [`--tracing-config-file ${bad}: unknown field "endpont"`])
    assert.is(r2.stopAsked, false)
  }),
)

files('a missing client CA file exits 2 naming the flag and the file', () =>
  withDir(async (dir) => {
    const caFile = path.join(dir, 'ca.crt')
    const r = await serve([`--cert-dir=${dir}`, `--client-ca-file=${caFile}`])
    assert.is(r.code, 2)
    assert.equal(r.errLines.length, 1, r.err)
    assert.ok(r.errLines[0]?.startsWith(`--client-ca-file ${caFile}: unable to load client CA file: ENOENT`), r.err)
  }),
)

files('a bad token file, RBAC policy, audit policy, TLS key and client CA together: all five, sorted by flag, exit 2', () =>
  withDir(async (dir) => {
    const write = (name: string, text: string): string => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name))
    const tokens = write('tokens.csv', 'secret,alice,1\n"unclosed,bob,2\n')
    const rbac = write('rbac.yaml', 'apiVersion: v1\nkind: Pod\n')
    const policy = write('policy.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n')
    const cert = write('tls.crt', ca.certPem)
    const key = write('tls.key', '-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n')
    const clientCA = write('client-ca.crt', 'not a certificate\n')
    const log = path.join(dir, 'audit.log')
    const r = await serve([
      `--token-auth-file=${tokens}`,
      `--authorization-policy-file=${rbac}`,
      `--audit-policy-file=${policy}`,
      `--audit-log-path=${log}`,
      `--tls-cert-file=${cert}`,
      `--tls-private-key-file=${key}`,
      `--client-ca-file=${clientCA}`,
    ])
    assert.is(r.code, 2)
    assert.is(r.out, '')
    assert.is(r.stopAsked, false)
    assert.is(r.errLines.length, 5, r.err)
    const [audit, authz, caLine, tls, token] = r.errLines
    assert.is(
      audit,
      `--audit-policy-file ${policy}: rules[0].level: expected "None" | "Metadata" | "Request" | "RequestResponse", got "Loud"`,
    )
    assert.ok(authz?.startsWith(`--authorization-policy-file ${rbac}[0]: unknown kind "Pod"`), authz)
    assert.is(caLine, `--client-ca-file ${clientCA}: data does not contain any valid RSA or ECDSA certificates`)
    assert.ok(tls?.startsWith(`--tls-private-key-file ${key}: invalid serving cert keypair: `), tls)
    assert.ok(token?.startsWith(`--token-auth-file ${tokens}: line 2: `), token)
    assert.ok(r.err.endsWith('\n'))
    assert.is(fs.existsSync(log), false)
  }),
)

files('an unreadable TLS cert and a key of another certificate are both named, each with its flag', () =>
  withDir(async (dir) => {
    const cert = path.join(dir, 'missing.crt')
    const key = path.join(dir, 'other.key')
    fs.writeFileSync(key, ca.keyPem)
    const missing = await serve([`--tls-cert-file=${cert}`, `--tls-private-key-file=${key}`])
    assert.is(missing.code, 2)
    assert.equal(missing.errLines.length, 1, missing.err)
    assert.ok(missing.errLines[0]?.startsWith(`--tls-cert-file ${cert}: unable to read "${cert}": ENOENT`), missing.err)
    fs.writeFileSync(cert, strangerCa.certPem)
    const other = await serve([`--tls-cert-file=${cert}`, `--tls-private-key-file=${key}`])
    assert.is(other.code, 2)
    assert.equal(other.errLines, [`--tls-private-key-file ${key}: invalid serving cert keypair: private key does not match public key`])
  }),
)

files('a --cert-dir that cannot be made exits 2 naming it, and a bad pair kept there is named by its file', () =>
  withDir(async (dir) => {
    const blocker = path.join(dir, 'a-file')
    fs.writeFileSync(blocker, '')
    const certDir = path.join(blocker, 'certs')
    const r = await serve([`--cert-dir=${certDir}`])
    assert.is(r.code, 2)
    assert.is(r.stopAsked, false)
    assert.equal(r.errLines, [`--cert-dir ${certDir}: unable to write self signed cert: ENOTDIR: not a directory, mkdir '${certDir}'`])
    fs.writeFileSync(path.join(dir, 'apiserver.crt'), ca.certPem)
    fs.writeFileSync(path.join(dir, 'apiserver.key'), strangerCa.keyPem)
    const kept = await serve([`--cert-dir=${dir}`])
    assert.is(kept.code, 2)
    assert.equal(kept.errLines, [
      `--cert-dir ${path.join(dir, 'apiserver.key')}: invalid serving cert keypair: private key does not match public key`,
    ])
  }),
)

const kubeconfig = suite('runServe --write-kubeconfig')

kubeconfig('the token goes to the 0600 file only; the banner names the file and the kubectl command', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'kube', 'config')
    const port = await freePort()
    const r = await serve([`--cert-dir=${dir}`, '--bind-address=127.0.0.1', `--secure-port=${port}`, `--write-kubeconfig=${file}`])
    assert.is(r.code, 0, r.err)
    const doc = parse(fs.readFileSync(file, 'utf8'))
    const token: string = doc.users[0].user.token
    assert.match(token, /^[0-9a-f]{64}$/)
    assert.not.ok(r.out.includes(token), 'the token is not printed')
    assert.not.ok(r.out.includes('printed only now'))
    assert.is(fs.statSync(file).mode & 0o777, 0o600)
    const url = `https://127.0.0.1:${port}`
    assert.is(doc.clusters[0].cluster.server, url)
    const lf = (pem: string): string => pem.replace(/\r/g, '').trim()
    const ca = lf(Buffer.from(doc.clusters[0].cluster['certificate-authority-data'], 'base64').toString())
    assert.ok(ca.startsWith('-----BEGIN CERTIFICATE-----'), ca)
    assert.ok(
      lf(fs.readFileSync(path.join(dir, 'apiserver.crt'), 'utf8')).endsWith(`\n${ca}`),
      'the CA is the last certificate of the served bundle',
    )
    assert.is(
      r.out,
      [
        `kubechain is serving on ${url} (HTTP/2 and HTTP/1.1)`,
        `  serving certificate: self-signed, kept in ${dir} (use curl -k, or trust its CA)`,
        `  kubeconfig written to ${file} (user kubechain-admin, group system:masters; the admin token is only there)`,
        '  try:',
        `    kubectl --kubeconfig ${file} get configmaps`,
        `    curl -k '${url}/readyz?verbose'`,
        '  stop with SIGTERM or Ctrl-C (graceful); a second signal exits at once',
        '',
      ].join('\n'),
    )
  }),
)

kubeconfig('a directory as --write-kubeconfig is a startup problem beside the others: every one named, exit 2, nothing served', () =>
  withDir(async (dir) => {
    const tokens = path.join(dir, 'missing.csv')
    const r = await serve([`--cert-dir=${dir}`, `--token-auth-file=${tokens}`, `--write-kubeconfig=${dir}`])
    assert.is(r.code, 2)
    assert.is(r.stopAsked, false)
    assert.is(r.out, '')
    assert.is(r.errLines.length, 2, r.err)
    assert.ok(r.errLines[0]?.startsWith(`--token-auth-file ${tokens}: `), r.err)
    assert.is(r.errLines[1], `--write-kubeconfig ${dir}: expected a file, got a directory`)
  }),
)

kubeconfig('an empty --write-kubeconfig is a flag problem', async () => {
  const r = await serve(['--write-kubeconfig='])
  assert.is(r.code, 2)
  assert.equal(r.errLines, ['--write-kubeconfig: expected a file path, got ""'])
})

flags.run()
files.run()
kubeconfig.run()
