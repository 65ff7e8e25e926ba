// One measurement: warm a running server up, then load it (autocannon for HTTP/1.1 and HTTPS, h2load for
// HTTP/2) and watch CPU use and the server's memory.
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { h2load } from './h2load.js'
import { machineBusySeconds } from './machine-load.js'
import type { Protocol, RowRequest } from './passes.js'
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
  /** The server's peak resident set size (VmHWM) in KiB at the end of the measurement. */
  readonly rssKiB: number | undefined
}

/** One measured run of the load generator: req/s, latency percentiles in ms, failures. */
type Load = Pick<Sample, 'rps' | 'p50' | 'p99' | 'errors' | 'non2xx'>

/** Loads a running server over `protocol`: warm-up, then the measured run. */
export const measure = async (
  server: ServerProcess,
  s: LoadSettings,
  protocol: Protocol = 'http',
  request?: RowRequest,
): Promise<Sample> => {
  const url = `${protocol === 'http' ? 'http' : 'https'}://127.0.0.1:${server.port}${request?.path ?? '/'}`
  const load = loader(protocol, url, request?.headers ?? {}, s)
  if (s.warmupSeconds > 0) await load(s.warmupSeconds)
  const cpu = startCpuMeter(server)
  const r = await load(s.durationSeconds)
  const use = cpu()
  return { ...r, ...use, rssKiB: server.peakRssKiB() }
}

const loader = (
  protocol: Protocol,
  url: string,
  headers: Readonly<Record<string, string>>,
  s: LoadSettings,
): ((seconds: number) => Promise<Load>) =>
  protocol === 'h2'
    ? (seconds) => h2load({ url, headers, clients: s.connections, streams: s.pipelining, seconds })
    : async (seconds) => {
        const r = await autocannon({ url, headers, connections: s.connections, pipelining: s.pipelining, duration: seconds })
        return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx }
      }

/** Snapshots CPU counters now; the returned function gives the use since then. */
const startCpuMeter = (server: ServerProcess): (() => CpuUse) => {
  const serverBefore = server.cpuSeconds()
  const machineBefore = machineBusySeconds()
  const selfBefore = selfSeconds()
  const startedAt = process.hrtime.bigint()
  return () => {
    const wall = Number(process.hrtime.bigint() - startedAt) / 1e9
    const serverAfter = server.cpuSeconds()
    const machineAfter = machineBusySeconds()
    const self = selfSeconds() - selfBefore
    if (serverBefore === undefined || serverAfter === undefined) return { serverCpu: undefined, otherCpu: undefined }
    const serverSeconds = serverAfter - serverBefore
    const other =
      machineBefore === undefined || machineAfter === undefined
        ? undefined
        : Math.max(0, machineAfter - machineBefore - serverSeconds - self) / wall
    return { serverCpu: serverSeconds / wall, otherCpu: other }
  }
}

/**
 * CPU seconds of this process and of its waited-for children (the load generator: autocannon runs in
 * this process, h2load in a child reaped when it ends), from /proc/self/stat; `process.cpuUsage` off Linux.
 */
const selfSeconds = (): number => {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100
  } catch {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1e6
  }
}
