// `kubechain serve --audit-log-path=<a file procfs refuses>` as a child process (see serve-child.ts).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { serveChild } from './serve-child.js'

const logPath = suite('--audit-log-path')

/** The problem lines of stderr, without the klog log lines (the self-signed cert's `I1207 01:02:03.456789 ...`). */
const problemLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l !== '' && !/^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} /.test(l))

logPath(
  'a log directory that procfs refuses to create fails at startup naming the flag and the directory, exit 2, instead of spinning',
  async () => {
    if (!fs.existsSync('/proc/self')) return console.log('  (no procfs here: skipped)')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-audit-log-path-'))
    try {
      const policy = path.join(dir, 'policy.yaml')
      fs.writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n')
      const flags = [
        '--bind-address=127.0.0.1',
        '--secure-port=6443',
        `--cert-dir=${dir}`,
        `--audit-policy-file=${policy}`,
        '--audit-log-path=/proc/kubechain/audit.log',
      ]
      const r = await serveChild(flags, 15_000)
      assert.is(r.code, 2, r.stderr)
      assert.is(r.stdout, '')
      assert.equal(problemLines(r.stderr), [
        "--audit-log-path /proc/kubechain/audit.log: unable to create the audit log: ENOENT: no such file or directory, mkdir '/proc/kubechain'",
      ])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
)

logPath('a good log path is created at startup (directories 0700, the file 0600), even when another file stops the server', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-audit-log-path-'))
  try {
    const policy = path.join(dir, 'policy.yaml')
    fs.writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n')
    const log = path.join(dir, 'logs', 'audit', 'audit.log')
    const flags = [
      '--bind-address=127.0.0.1',
      '--secure-port=6443',
      `--cert-dir=${dir}`,
      `--audit-policy-file=${policy}`,
      `--audit-log-path=${log}`,
    ]
    const r = await serveChild([...flags, `--token-auth-file=${path.join(dir, 'missing.csv')}`], 15_000)
    assert.is(r.code, 2, r.stderr)
    assert.equal(
      problemLines(r.stderr).map((l) => l.split(': ')[0]),
      [`--token-auth-file ${path.join(dir, 'missing.csv')}`],
      r.stderr,
    )
    assert.is(fs.readFileSync(log, 'utf8'), '', 'the log exists and is empty')
    assert.is(fs.statSync(path.dirname(log)).mode & 0o777, 0o700)
    assert.is(fs.statSync(log).mode & 0o777, 0o600)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

logPath.run()
