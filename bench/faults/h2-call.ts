// One HTTP/2 request with node's client, which sends each element of an array header as its own field.
import { connect } from 'node:http2'
import type { OutgoingHttpHeaders } from 'node:http2'
import type { Reply, Target } from './https-call.js'

/** One request on a fresh HTTP/2 session; a failure resolves as `{ status: 0, body: <error code> }`. */
export const h2Call = (to: Target, path: string, headers: OutgoingHttpHeaders, body?: string, timeoutMs = 5_000): Promise<Reply> =>
  new Promise((resolve) => {
    const session = connect(`https://${to.host}:${to.port}`, { rejectUnauthorized: false })
    const finish = (r: Reply): void => {
      clearTimeout(timer)
      session.destroy()
      resolve(r)
    }
    const fail = (e: unknown): void =>
      finish({ status: 0, headers: {}, body: typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e) })
    const timer = setTimeout(() => fail('CLIENT_TIMEOUT'), timeoutMs)
    session.on('error', fail)
    const req = session.request({ ':method': body === undefined ? 'GET' : 'POST', ':path': path, ...headers })
    let text = ''
    let status = 0
    req.setEncoding('utf8')
    req.on('response', (h) => (status = Number(h[':status'] ?? 0)))
    req.on('data', (c: string) => (text += c))
    req.on('end', () => finish({ status, headers: {}, body: text }))
    req.on('error', fail)
    req.end(body)
  })
