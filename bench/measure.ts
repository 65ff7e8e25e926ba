// One measurement: warm a running server up, then load it with autocannon and watch CPU use.
import autocannon from 'autocannon'
import { machineBusySeconds } from './machine-load.js'
import type { RowRequest } from './passes.js'
import type { ServerProcess } from './server-process.js'

/** Load settings shared by every row. */
export interface LoadSettings {
  readonly connections: number
  readonly pipelining: number
  readonly warmupSeconds: number
  readonly durationSeconds: number
}

/** CPU use over a measurement, in cores (1 = one core busy all the time); `undefined` when unknown. */
export interface CpuUse {
  /** The server process. */
  readonly serverCpu: number | undefined
  /** Everything else on the machine: not the server, not this process (the load generator). */
  readonly otherCpu: number | undefined
}

/** What one measured run of one row gave. */
export interface Sample extends CpuUse {
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  readonly non2xx: number
}

/** Loads a running server: warm-up, then the measured run. */
export const measure = async (server: ServerProcess, s: LoadSettings, request?: RowRequest): Promise<Sample> => {
  const base = {
    url: `http://127.0.0.1:${server.port}${request?.path ?? '/'}`,
    headers: request?.headers ?? {},
    connections: s.connections,
    pipelining: s.pipelining,
  }
  if (s.warmupSeconds > 0) await autocannon({ ...base, duration: s.warmupSeconds })
  const cpu = startCpuMeter(server)
  const r = await autocannon({ ...base, duration: s.durationSeconds })
  const use = cpu()
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, ...use }
}

/** Snapshots CPU counters now; the returned function gives the use since then. */
const startCpuMeter = (server: ServerProcess): (() => CpuUse) => {
  const serverBefore = server.cpuSeconds()
  const machineBefore = machineBusySeconds()
  const selfBefore = process.cpuUsage()
  const startedAt = process.hrtime.bigint()
  return () => {
    const wall = Number(process.hrtime.bigint() - startedAt) / 1e9
    const serverAfter = server.cpuSeconds()
    const machineAfter = machineBusySeconds()
    const self = process.cpuUsage(selfBefore)
    if (serverBefore === undefined || serverAfter === undefined) return { serverCpu: undefined, otherCpu: undefined }
    const serverSeconds = serverAfter - serverBefore
    const other =
      machineBefore === undefined || machineAfter === undefined
        ? undefined
        : Math.max(0, machineAfter - machineBefore - serverSeconds - (self.user + self.system) / 1e6) / wall
    return { serverCpu: serverSeconds / wall, otherCpu: other }
  }
}
