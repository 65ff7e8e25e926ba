// Spec support for the Express and Fastify adapters: one HTTP/1.1 request with an optional body on a fresh
// connection, and a request that is cut off by its client.
import { type ClientRequest, type IncomingHttpHeaders, request } from 'node:http'
import { ask } from '../support/http-client.js'
import { connect } from 'node:net'

/** What came back. */
export interface Sent {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** Options of `send`. */
export interface SendOptions {
  readonly method?: string
  readonly headers?: Record<string, string>
  readonly body?: string
}

/** One request (`ask`), the body read as UTF-8; rejects if the connection fails or the response is cut off. */
export const send = async (port: number, path: string, o: SendOptions = {}): Promise<Sent> => {
  const r = await ask(port, path, { method: o.method ?? 'GET', headers: o.headers ?? {}, body: o.body })
  return { status: r.status, headers: r.headers, body: r.body.toString('utf8') }
}

/** Starts a GET whose response is never read: the caller destroys it (`req.destroy()`) to leave. */
export const startAndLeave = (port: number, path: string, headers: Record<string, string>): ClientRequest => {
  const req = request({ host: '127.0.0.1', port, path, headers, agent: false })
  req.on('error', () => {}) // the client destroys it on purpose
  req.end()
  return req
}

/** A promise and the function that resolves it, for a route that waits until the spec lets it go. */
export const gate = (): { readonly opened: Promise<void>; readonly open: () => void } => {
  let open = (): void => {}
  const opened = new Promise<void>((r) => (open = r))
  return { opened, open }
}

/**
 * Sends a request (GET unless told) whose JSON body (`content-length: 100`) never arrives past its first bytes; `cut` resolves
 * when the server closes the connection, and rejects if it has not within `bound` ms (a spec that would
 * otherwise wait forever). `leave` closes it from the client side.
 */
export const stallBody = (port: number, path: string, headers: Record<string, string>, method = 'GET', bound = 5_000) => {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {}) // the server cuts it on purpose
  const lines = Object.entries({ host: 'localhost', ...headers, 'content-type': 'application/json', 'content-length': '100' })
  socket.write(`${method} ${path} HTTP/1.1\r\n${lines.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n{"a"`)
  let timer: NodeJS.Timeout | undefined
  const cut = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`expected the server to cut the connection within ${bound} ms`)), bound)
    socket.once('close', () => resolve())
  }).finally(() => clearTimeout(timer))
  return { cut, leave: () => void socket.destroy() }
}
