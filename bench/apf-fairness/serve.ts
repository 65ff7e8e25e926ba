// `kubechain serve` on 127.0.0.1 for the fairness run: an admin and two users of group `bench`, who may
// read and write ConfigMaps (an RBAC policy file), and the flags of the run.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** A running server and the tokens of its three users. */
export interface Served {
  readonly port: number
  readonly tokens: { readonly admin: string; readonly heavy: string; readonly light: string }
  readonly stop: () => Promise<void>
  /** Kills the child at once, for a process about to exit. */
  readonly kill: () => void
}

const policy = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: bench-configmaps }
rules: [{ apiGroups: [''], resources: [configmaps], verbs: [get, list, watch, create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: bench-configmaps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: bench-configmaps }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: bench }]
`

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0))
    })
  })

/** Resolves at the banner; rejects with stderr's tail when the child exits first or after `ms`. */
const untilBanner = (proc: ChildProcess, ms: number): Promise<void> =>
  new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const fail = (why: string) => (clearTimeout(timer), reject(new Error(`${why}\n${err.slice(-2000)}`)))
    const timer = setTimeout(() => (proc.kill('SIGKILL'), fail(`no serve banner within ${ms} ms`)), ms)
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('a second signal exits at once\n')) clearTimeout(timer), resolve()
    })
    proc.once('exit', (code) => fail(`kubechain serve exited (${code}) before its banner`))
  })

/** Starts `kubechain serve` with `flags` on a free loopback port; resolves when it serves. */
export const serve = async (flags: ReadonlyArray<string>, startMs = 30_000): Promise<Served> => {
  const dir = mkdtempSync(join(tmpdir(), 'kubechain-apf-fairness-'))
  const tokens = { admin: randomBytes(32).toString('hex'), heavy: randomBytes(32).toString('hex'), light: randomBytes(32).toString('hex') }
  writeFileSync(
    join(dir, 'tokens.csv'),
    `${tokens.admin},admin,admin-uid,"system:masters"\n${tokens.heavy},heavy,heavy-uid,"bench"\n${tokens.light},light,light-uid,"bench"\n`,
    { mode: 0o600 },
  )
  writeFileSync(join(dir, 'rbac.yaml'), policy)
  const port = await freePort()
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--bind-address=127.0.0.1', `--secure-port=${port}`]
  const files = [
    `--cert-dir=${join(dir, 'certs')}`,
    `--token-auth-file=${join(dir, 'tokens.csv')}`,
    `--authorization-policy-file=${join(dir, 'rbac.yaml')}`,
  ]
  const { NOTIFY_SOCKET: _, ...env } = process.env
  const proc = spawn(process.execPath, [...args, ...files, ...flags], {
    cwd: root,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await untilBanner(proc, startMs)
  } catch (e) {
    await stop()
    throw e
  }
  return { port, tokens, stop, kill: () => proc.kill('SIGKILL') }
}
