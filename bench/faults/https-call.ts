// One HTTPS/1.1 request to a serve child; rejects with the socket error (its `code`) when no response came.
import { type Agent, request } from 'node:https'
import type { OutgoingHttpHeaders } from 'node:http'

/** What a call read back. */
export interface Reply {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** Options of one call. */
export interface Call {
  readonly method?: string
  readonly token?: string
  readonly headers?: OutgoingHttpHeaders
  readonly body?: string | Buffer
  /** `false` (default): a fresh connection. */
  readonly agent?: Agent | false
  readonly timeoutMs?: number
}

/** Where a child listens. */
export interface Target {
  readonly host: string
  readonly port: number
}

/** One HTTPS/1.1 request; the certificate is not checked (the child's is self-signed). */
export const call = (to: Target, path: string, o: Call = {}): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...o.headers }
    if (o.token !== undefined) headers['authorization'] = `Bearer ${o.token}`
    if (o.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json'
    const req = request(
      { host: to.host, port: to.port, path, method: o.method ?? 'GET', headers, agent: o.agent ?? false, rejectUnauthorized: false },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('error', reject)
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.setTimeout(o.timeoutMs ?? 5_000, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })))
    req.on('error', reject)
    req.end(o.body)
  })

/** The `code` of a socket error, else its text. */
export const errorCode = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e))

/** A call that never rejects: a reply, or the error code as `{ status: 0, body: code }`. */
export const tryCall = (to: Target, path: string, o: Call = {}): Promise<Reply> =>
  call(to, path, o).catch((e: unknown) => ({ status: 0, headers: {}, body: errorCode(e) }))
