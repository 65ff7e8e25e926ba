// Runs one bench server in a child process, pinned to its own core when taskset is there.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** A running bench server. */
export interface ServerProcess {
  readonly port: number
  /** CPU seconds (user + system) the server used so far, or `undefined` off Linux. */
  cpuSeconds(): number | undefined
  stop(): Promise<void>
}

const ticksPerSecond = 100 // USER_HZ, 100 on every Linux we run on

/** Starts `node --import tsx <file>` (under `taskset -c <cpu>` when `cpu` is given) and waits for its port line. */
export const startServer = (file: string, cpu: number | undefined): Promise<ServerProcess> => {
  const node = [process.execPath, '--import', 'tsx', file]
  const [cmd, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node]
  const child = spawn(cmd as string, args, { stdio: ['ignore', 'pipe', 'inherit'] })
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

/** Pins this process (every thread) to `cpu`; true when it worked. */
export const pinSelf = (cpu: number): boolean => {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
