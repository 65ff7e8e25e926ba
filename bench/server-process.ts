// Runs one bench server in a child process, pinned to its own core when taskset is there.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { compiledFile } from './compiled.js'

/** A running bench server. */
export interface ServerProcess {
  readonly port: number
  /** CPU seconds (user + system) the server used so far, or `undefined` off Linux. */
  cpuSeconds(): number | undefined
  /** The server's peak resident set size so far (VmHWM, else VmRSS) in KiB, or `undefined` off Linux. */
  peakRssKiB(): number | undefined
  stop(): Promise<void>
}

/** Extras for a server child: environment variables, and an open-files limit to raise to first. */
export interface ServerOptions {
  readonly env?: Readonly<Record<string, string>>
  /** Runs the child under `sh -c 'ulimit -n <nofile>'`; a shell that cannot raise it says so on stderr. */
  readonly nofile?: number
}

const ticksPerSecond = 100 // USER_HZ, 100 on every Linux we run on

/** `argv` run under a shell that raises the soft open-files limit to `nofile` (or says why not) first. */
export const withNofile = (argv: ReadonlyArray<string>, nofile: number | undefined): ReadonlyArray<string> =>
  nofile === undefined
    ? argv
    : [
        'sh',
        '-c',
        `ulimit -n ${nofile} 2>/dev/null || echo "bench: cannot raise the open-files limit to ${nofile} (hard limit $(ulimit -Hn)); expect EMFILE" >&2; exec "$@"`,
        'sh',
        ...argv,
      ]

/**
 * Starts `node <file compiled>` (under `taskset -c <cpu>` when `cpu` is given) and waits for its port
 * line. `file` is a bench TypeScript file; `compileBench` must have run.
 */
export const startServer = (file: string, cpu: number | undefined, o: ServerOptions = {}): Promise<ServerProcess> => {
  const node = [process.execPath, compiledFile(file)]
  const [cmd, ...args] = withNofile(cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node], o.nofile)
  const child = spawn(cmd as string, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...o.env } })
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8')
      const nl = out.indexOf('\n')
      if (nl < 0) return
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
      resolve(running(child, Number(out.slice(0, nl))))
    }
    const onExit = (code: number | null): void => reject(new Error(`expected ${file} to print its port, it exited with ${code}`))
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
    child.once('error', reject)
  })
}

const running = (child: ChildProcess, port: number): ServerProcess => ({
  port,
  cpuSeconds: () => cpuSecondsOf(child.pid),
  peakRssKiB: () => peakRssOf(child.pid),
  stop: () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
})

const cpuSecondsOf = (pid: number | undefined): number | undefined => {
  if (pid === undefined || process.platform !== 'linux') return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
  } catch {
    return undefined
  }
}

/**
 * VmHWM (the peak) from /proc/<pid>/status, VmRSS when there is no VmHWM. The pid is node's own even
 * under taskset or the ulimit shell: both exec.
 */
const peakRssOf = (pid: number | undefined): number | undefined => {
  if (pid === undefined || process.platform !== 'linux') return undefined
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status) ?? /^VmRSS:\s+(\d+) kB/m.exec(status)
    return hwm === null ? undefined : Number(hwm[1])
  } catch {
    return undefined
  }
}

/** Pins this process (every thread) to `cpu`; true when it worked. */
export const pinSelf = (cpu: number): boolean => {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
