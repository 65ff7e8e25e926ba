// What a server process holds right now, read from /proc (Linux only; elsewhere every reading is undefined).
import { readFileSync, readdirSync } from 'node:fs'

/** Resident set size (VmRSS) of `pid` in KiB, or undefined when the process is gone. */
export const rssKiB = (pid: number): number | undefined => statusField(pid, 'VmRSS')

/** Peak resident set size (VmHWM) of `pid` in KiB, or undefined when the process is gone. */
export const peakRssKiB = (pid: number): number | undefined => statusField(pid, 'VmHWM')

/** Open file descriptors of `pid` (entries of /proc/<pid>/fd), or undefined when the process is gone. */
export const fdCount = (pid: number): number | undefined => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length
  } catch {
    return undefined
  }
}

/** True while `pid` exists and is not a zombie. */
export const isAlive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

const statusField = (pid: number, name: string): number | undefined => {
  try {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m === null ? undefined : Number(m[1])
  } catch {
    return undefined
  }
}

/** Memory the kernel holds in TCP buffers, system-wide (the `mem` pages of /proc/net/sockstat), in KiB. */
export const kernelTcpKiB = (): number | undefined => {
  try {
    const m = /^TCP:.* mem (\d+)/m.exec(readFileSync('/proc/net/sockstat', 'utf8'))
    return m === null ? undefined : Number(m[1]) * 4
  } catch {
    return undefined
  }
}
