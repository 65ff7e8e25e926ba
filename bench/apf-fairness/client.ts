// HTTPS/1.1 calls over keep-alive agents, timed, and the percentiles of what they took.
import { performance } from 'node:perf_hooks'
import { Agent, request } from 'node:https'

/** One timed call: its status (0 when no response came) and milliseconds. */
export interface Timed {
  readonly status: number
  readonly ms: number
  /** Seconds the server asked to wait (`Retry-After`), 0 when it did not. */
  readonly retryAfter: number
}

/** A keep-alive agent with at most `sockets` connections. */
export const agent = (sockets: number): Agent => new Agent({ keepAlive: true, maxSockets: sockets, rejectUnauthorized: false })

/** Sends one request to 127.0.0.1:`port` and times it to the last byte of the body. */
export const timed = (port: number, a: Agent, token: string, path: string, body?: string): Promise<Timed> =>
  new Promise((resolve) => {
    const start = performance.now()
    const done = (status: number, retryAfter = 0) => resolve({ status, ms: performance.now() - start, retryAfter })
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const req = request({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers, agent: a }, (res) => {
      res.resume()
      res.on('end', () => done(res.statusCode ?? 0, Number(res.headers['retry-after'] ?? 0) || 0))
      res.on('error', () => done(0))
    })
    req.setTimeout(30_000, () => req.destroy())
    req.on('error', () => done(0))
    req.end(body)
  })

/** The nearest-rank `p`-th percentile of `xs` (ms), NaN when empty. */
export const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Counts of each status, `200×12, 429×3`. */
export const statuses = (xs: ReadonlyArray<Timed>): Record<string, number> => {
  const m: Record<string, number> = {}
  for (const x of xs) m[String(x.status)] = (m[String(x.status)] ?? 0) + 1
  return m
}
