// `kubechain serve` as a child process on 127.0.0.1, started the way spec/e2e/serve-command.spec.ts does.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withNofile } from '../server-process.js'

/** The checkout whose src/cli/main.ts is served: this one, or FAULTS_ROOT (another worktree, e.g. before a fix). */
const root = process.env['FAULTS_ROOT'] ?? fileURLToPath(new URL('../../', import.meta.url))

/** How a child ended. */
export interface Exit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** A running `kubechain serve`. */
export interface ServeChild {
  readonly pid: number
  readonly host: string
  readonly port: number
  /** An admin token (user kubechain-admin, group system:masters): the banner's, or the token file's. */
  readonly token: string
  /** With `normalUser`: the token of `faults-user` (group `faults`, not exempt from in-flight limits). */
  readonly userToken: string | undefined
  /** The flags it was started with, as the table prints them. */
  readonly flags: ReadonlyArray<string>
  /** The last 16 KiB the child wrote to stderr. */
  stderr(): string
  readonly exited: Promise<Exit>
  /** Sends `signal` and resolves when the child exits, or after `ms` with undefined (the child is then killed). */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<Exit | undefined>
}

/** Extras for one child. */
export interface ServeOptions {
  /** The soft and hard open-files limit of the child (`ulimit -n` in a shell that then execs node). */
  readonly nofile?: number
  /** Node flags before `--import tsx` (e.g. `--max-old-space-size=1024`). */
  readonly nodeFlags?: ReadonlyArray<string>
  /** How long the banner may take. */
  readonly startMs?: number
  /** Writes a token file with the admin and `faults-user` and passes `--token-auth-file` (no banner token then). */
  readonly normalUser?: boolean
}

/** A fresh directory under the system temp dir. */
export const tmpDir = (tag: string): string => mkdtempSync(join(tmpdir(), `kubechain-faults-${tag}-`))

/** Starts `kubechain serve` with `flags` (plus loopback binding, a free port, a temp cert dir removed when it exits); resolves at its banner. */
export const startServe = async (flags: ReadonlyArray<string>, o: ServeOptions = {}): Promise<ServeChild> => {
  const port = await freePort()
  const dir = tmpDir('serve')
  const users = o.normalUser === true ? tokenFile(dir) : undefined
  const auth = users === undefined ? [] : [`--token-auth-file=${users.path}`]
  const args = [
    ...(o.nodeFlags ?? []),
    '--import',
    'tsx',
    'src/cli/main.ts',
    'serve',
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${join(dir, 'certs')}`,
    ...auth,
    ...flags,
  ]
  const [cmd, ...rest] = withNofile([process.execPath, ...args], o.nofile)
  const { NOTIFY_SOCKET: _, ...env } = process.env
  const proc = spawn(cmd as string, rest, { cwd: root, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  proc.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-16_384)))
  const exited = new Promise<Exit>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }))
    proc.once('error', (e) => ((err += `\ncannot start: ${e.message}`), resolve({ code: null, signal: null })))
  })
  void exited.then(() => rmSync(dir, { recursive: true, force: true }))
  const text = await banner(proc, exited, o.startMs ?? 30_000, () => err)
  const token = users?.admin ?? bannerToken(text)
  if (token === undefined || proc.pid === undefined) throw new Error(`expected an admin token in the banner, got:\n${text}`)
  const stop = stopper(proc, exited)
  return { pid: proc.pid, host: '127.0.0.1', port, token, userToken: users?.user, flags, stderr: () => err, exited, stop }
}

const banner = (proc: ChildProcess, exited: Promise<Exit>, ms: number, err: () => string): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`expected the serve banner within ${ms} ms, got:\n${out}${err()}`))
    }, ms)
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('a second signal exits at once\n')) clearTimeout(timer), resolve(out)
    })
    void exited.then(
      (e) => (clearTimeout(timer), reject(new Error(`kubechain serve exited (${e.code}, ${e.signal}) before its banner:\n${out}${err()}`))),
    )
  })

const stopper =
  (proc: ChildProcess, exited: Promise<Exit>) =>
  async (signal: NodeJS.Signals = 'SIGKILL', ms = 10_000): Promise<Exit | undefined> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return exited
    proc.kill(signal)
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))
    const e = await Promise.race([exited, late])
    clearTimeout(timer)
    if (e === undefined) proc.kill('SIGKILL'), await exited
    return e
  }

/** A token file with an admin (system:masters) and `faults-user` (group faults), in `dir`. */
const tokenFile = (dir: string): { path: string; admin: string; user: string } => {
  const admin = randomBytes(32).toString('hex')
  const user = randomBytes(32).toString('hex')
  const path = join(dir, 'tokens.csv')
  writeFileSync(path, `${admin},kubechain-admin,admin-uid,"system:masters"\n${user},faults-user,user-uid,"faults"\n`, { mode: 0o600 })
  return { path, admin, user }
}

/** A port nobody listens on right now: listen on 0 and close. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a !== null ? a.port : 0
      s.close(() => resolve(port))
    })
  })

/** The generated admin token: printed in the banner (stdout a terminal), or in the file the banner names (a pipe, as here). */
const bannerToken = (text: string): string | undefined => {
  const file = /admin token \(.*\) written to (.+) \(mode 0600\)/.exec(text)?.[1]
  return file === undefined ? /printed only now\):\n\s+([0-9a-f]{64})\n/.exec(text)?.[1] : readFileSync(file, 'utf8').trim()
}
