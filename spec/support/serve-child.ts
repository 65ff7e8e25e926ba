// Spec support: `kubechain serve` as a child process on loopback, started at its banner and killed on demand.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { within } from './http-client.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** A port nobody listens on right now: listen on 0 and close. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a !== null ? a.port : 0
      s.close(() => resolve(port))
    })
  })

/** A running `kubechain serve` child, its banner's URL and token, and what it printed. */
export interface Child {
  readonly proc: ChildProcess
  readonly url: URL
  /** The generated admin token, when the banner printed one or named its file. */
  readonly token: string | undefined
  readonly stderr: () => string
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts the CLI on 127.0.0.1 with `certDir` and `flags`; resolves at its banner, or rejects with what it printed. */
export const startServe = async (certDir: string, flags: ReadonlyArray<string>): Promise<Child> => {
  const port = await freePort()
  const args = [
    '--import',
    'tsx',
    'src/cli/main.ts',
    'serve',
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${certDir}`,
    ...flags,
  ]
  const { NOTIFY_SOCKET: _, ...env } = process.env
  const proc = spawn(process.execPath, args, { cwd: root, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  proc.stderr?.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const banner = new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('a second signal exits at once\n')) resolve(out)
    })
    void exited.then((e) => reject(new Error(`kubechain serve exited (${e.code}) before its banner:\n${out}${err}`)))
  })
  const text = await within(banner, 12_000, 'the serve banner').catch((e: unknown) => {
    proc.kill('SIGKILL')
    throw e
  })
  const url = new URL(/kubechain is serving on (https:\/\/\S+) /.exec(text)?.[1] ?? 'https://invalid')
  return { proc, url, token: bannerToken(text), stderr: () => err, exited }
}

/** The generated admin token: printed in the banner (stdout a terminal), or in the file the banner names (a pipe, as here). */
const bannerToken = (text: string): string | undefined => {
  const file = /admin token \(.*\) written to (.+) \(mode 0600\)/.exec(text)?.[1]
  return file === undefined ? /printed only now\):\n\s+([0-9a-f]{64})\n/.exec(text)?.[1] : readFileSync(file, 'utf8').trim()
}

/** Kills the child unless it already ended (a failed assertion must not leave it running). */
export const stopChild = async (c: Child | undefined): Promise<void> => {
  if (c === undefined || c.proc.exitCode !== null || c.proc.signalCode !== null) return
  c.proc.kill('SIGKILL')
  await within(c.exited, 5_000, 'the killed child to exit').catch(() => undefined)
}
