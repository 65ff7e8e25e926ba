// Spec support: tiny node http/http2 clients and server start/stop on 127.0.0.1:0.
import { type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server, request } from 'node:http'
import { type ClientHttp2Session, type Http2Server, connect as connectHttp2 } from 'node:http2'
import { type AddressInfo, type Socket, connect as connectTcp } from 'node:net'

/** What a client read back. */
export interface Reply {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  /** Names and values as sent, repeated headers kept apart (HTTP/1 only; `[]` for HTTP/2). */
  readonly rawHeaders: ReadonlyArray<string>
  readonly body: Buffer
}

/** Options of one HTTP/1.1 request. */
export interface Ask {
  readonly method?: string
  readonly headers?: OutgoingHttpHeaders
  /** `false` (default): a fresh connection. */
  readonly agent?: Agent | false
  /** A request body, sent whole (node sets its `content-length`). */
  readonly body?: string | Uint8Array
}

const accepted = new WeakMap<Server | Http2Server, Set<Socket>>()

/** Listens on 127.0.0.1, port 0; resolves with the port. Remembers every connection, for `closeHttp`. */
export const listen = (server: Server | Http2Server): Promise<number> =>
  new Promise((resolve, reject) => {
    const sockets = new Set<Socket>()
    accepted.set(server, sockets)
    server.on('connection', (s: Socket) => {
      sockets.add(s)
      s.once('close', () => sockets.delete(s))
    })
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })

/** Closes a node:http server and every connection it still has, upgraded ones included. */
export const closeHttp = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
    for (const s of accepted.get(server) ?? []) s.destroy()
  })

/** Closes an HTTP/2 server after its client sessions were closed. */
export const closeHttp2 = (server: Http2Server, ...sessions: ClientHttp2Session[]): Promise<void> =>
  new Promise((resolve) => {
    for (const s of sessions) s.destroy()
    server.close(() => resolve())
  })

/** One HTTP/1.1 request; rejects if the connection fails or the response is cut off. */
export const ask = (port: number, path: string, opts: Ask = {}): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent ?? false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('aborted', () => reject(new Error('response aborted')))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
        )
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })

/** One HTTP/2 request on `session`; rejects on a stream error (e.g. RST_STREAM). */
export const ask2 = (session: ClientHttp2Session, path: string, method = 'GET'): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path, ':method': method })
    const chunks: Buffer[] = []
    let headers: IncomingHttpHeaders = {}
    stream.on('response', (h) => (headers = h as IncomingHttpHeaders))
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('error', reject)
    stream.on('close', () => {
      if (stream.rstCode !== 0) reject(new Error(`stream reset with code ${stream.rstCode}`))
    })
    stream.on('end', () => resolve({ status: Number(headers[':status']), headers, rawHeaders: [], body: Buffer.concat(chunks) }))
    stream.end()
  })

/** An HTTP/2 cleartext client session. */
export const session2 = (port: number): ClientHttp2Session => connectHttp2(`http://127.0.0.1:${port}`)

/** Writes `text` on a fresh TCP connection and resolves with everything read until the server closed it. */
export const raw = (port: number, text: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connectTcp(port, '127.0.0.1', () => socket.write(text))
    const chunks: Buffer[] = []
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')))
  })

/** Rejects if `p` has not settled within `ms` (a guard so a broken adapter fails instead of hanging). */
export const within = <A>(p: Promise<A>, ms: number, what: string): Promise<A> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`expected ${what} within ${ms} ms`)), ms)
    p.then(
      (a) => {
        clearTimeout(timer)
        resolve(a)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })

/** A promise and its resolve function, for "this happened" signals between server and client. */
export const deferred = <A = void>(): { readonly promise: Promise<A>; readonly resolve: (a: A) => void } => {
  let resolve: (a: A) => void = () => undefined
  const promise = new Promise<A>((r) => (resolve = r))
  return { promise, resolve }
}

/** Waits one turn of the event loop (lets `'close'` handlers scheduled with nextTick/setImmediate run). */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
