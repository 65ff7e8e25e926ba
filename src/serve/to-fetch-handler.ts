import type { Handler, Logger, PeerAddress } from '../core/index.js'
import { loggerOf } from './listener-options.js'
import { WebExchange } from './respond-web.js'
import { serveWeb } from './serve-web.js'
import { cancelSourceOf, memoryRequestOf } from './web-request.js'

/** Options of `toFetchHandler`. */
export interface FetchHandlerOptions {
  /** Where defects are logged; JSON lines on stderr (`stderrLogger`) by default. */
  readonly log?: Logger
}

/**
 * A Web-standard fetch handler: a Web `Request` in, a promise of a Web `Response` out. The second
 * argument, when given, is the peer's address (for audit's `sourceIPs`, HTTP logging and tracing).
 */
export type FetchHandler = (request: globalThis.Request, peer?: PeerAddress) => Promise<globalThis.Response>

/**
 * Runs a Handler behind any server that speaks Web `Request`/`Response`: Bun's and Deno's `serve`,
 * `@hono/node-server`, Hono's `app.mount` and `app.request`, a Cloudflare-style worker. Never rejects.
 *
 * The Request: method; target from the path and query of `request.url` (as the Web URL parser
 * serialised them; a bad `%` escape gets Go's `400 Bad Request` without calling the handler); headers
 * with lower-case names; `raw` a `MemoryRequest` whose body `readBodyLimited` reads; a cancel token
 * cancelled when `request.signal` aborts. Web `Headers` join a repeated header's values with `, `, so a
 * handler sees one value where a node server would see several lines: two `Impersonate-Group` lines
 * arrive as one group named `a, b`, and a second `X-Forwarded-For` line counts in `sourceIPs`. Send such
 * headers once, or serve them with `toNodeListener`. There is no socket: no client certificate, and the
 * peer's address only if passed as `peer`.
 *
 * The Response: an Http response becomes a Web Response with its status and headers (a repeated value
 * appended once per value; `connection`, `keep-alive` and `transfer-encoding` left out, the fetch server
 * owns its connections). A Bytes body gets its `content-length`, an Empty one `content-length: 0`; HEAD,
 * 1xx, 204 and 304 get no body (a stream is let go unread). A Stream body is a ReadableStream that pulls
 * one chunk each time the consumer reads (backpressure) and is cut (errored) when the response's
 * `deadline` or the request's token is cancelled. An Upgrade or a Takeover (a fetch server has no socket
 * or node response to hand over) gets 501, its finalizers `'discarded'`. A handler that throws or
 * rejects gets `defectResponse` (500), the error logged to `opts.log`.
 *
 * Finalizers run once: a one-piece body (Empty or Bytes, any size) is `'finished'` when its Response is
 * handed to the server (which owns the writing from there), or `'aborted'` if `request.signal` had
 * aborted; a stream is `'finished'` when the consumer read its last chunk, `'aborted'` when the consumer
 * cancelled it (which also cancels the request's token), it threw, or it was cut.
 *
 * @example
 * import { constant, text } from 'kubechain/core'
 * import { toFetchHandler } from 'kubechain/serve'
 *
 * const fetchHello = toFetchHandler(constant(text(200, 'hello')))
 * const res = await fetchHello(new Request('http://localhost/hi'))
 * // Bun: Bun.serve({ fetch: (req, server) => fetchHello(req, { remoteAddress: server.requestIP(req)?.address ?? '' }) })
 * // Deno: Deno.serve((req, info) => fetchHello(req, { remoteAddress: info.remoteAddr.hostname }))
 */
export const toFetchHandler = (handler: Handler, opts: FetchHandlerOptions = {}): FetchHandler => {
  const log = loggerOf(opts)
  return (request, peer) => {
    const signal = request.signal
    const ex = new WebExchange(memoryRequestOf(request, peerOf(peer)), cancelSourceOf(signal), log, () => signal.aborted)
    return serveWeb(handler, ex)
  }
}

/** `peer` when it is an address: some servers pass other things as a fetch handler's second argument. */
const peerOf = (peer: PeerAddress | undefined): PeerAddress | undefined =>
  peer !== undefined && typeof peer.remoteAddress === 'string' ? peer : undefined
