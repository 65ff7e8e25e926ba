// What else runs on the machine: busy CPU time of all cores, and waiting for a quiet moment before measuring.
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const ticksPerSecond = 100 // USER_HZ

/** CPU seconds spent busy (not idle, not waiting on I/O) by all cores since boot; `undefined` off Linux. */
export const machineBusySeconds = (): number | undefined => {
  if (process.platform !== 'linux') return undefined
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
    const ticks = line.trim().split(/\s+/).slice(1).map(Number)
    const total = ticks.reduce((a, b) => a + b, 0)
    return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) / ticksPerSecond
  } catch {
    return undefined
  }
}

/**
 * Waits until the machine used less than `maxCores` of CPU over a half-second sample, for at most
 * `maxSeconds`; resolves with the seconds waited beyond the first sample. Off Linux it does not wait.
 */
export const waitForQuiet = async (maxCores: number, maxSeconds: number): Promise<number> => {
  const started = Date.now()
  const sampleMs = 500
  for (;;) {
    const before = machineBusySeconds()
    if (before === undefined) return 0
    await sleep(sampleMs)
    const busy = (machineBusySeconds() ?? before) - before
    const waited = (Date.now() - started - sampleMs) / 1000
    if (busy / (sampleMs / 1000) < maxCores || waited >= maxSeconds) return Math.max(0, waited)
  }
}
