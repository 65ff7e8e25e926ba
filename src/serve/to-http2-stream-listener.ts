import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2'
import { type Handler, Http2StreamRequest, type Request, type Response, bytes, isPending, parseTarget } from '../core/index.js'
import { Exchange } from './exchange.js'
import { streamProbe } from './http2-stream.js'
import { type ListenerOptions, loggerOf } from './listener-options.js'
import { answerHttp2Defect, respondHttp2 } from './respond-http2.js'
import { toRequest } from './to-request.js'
import { writeHttp2 } from './write-http2.js'

/** A `'stream'` listener for node:http2 servers and server sessions. */
export type Http2StreamListener = (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, flags: number, rawHeaders: string[]) => void

/**
 * Runs a Handler on an HTTP/2 server's `'stream'` event, without node's compatibility API (its
 * request and response objects cost about a third of HTTP/2 throughput). The Request's `raw` is an
 * `Http2StreamRequest` over the stream, carrying node's own header object (no copy; pseudo-headers
 * included) and its `rawHeaders`. Everything else is as `toNodeListener` does: a bad `%` escape in
 * `:path` gets `400 Bad Request` without calling the handler; a throwing or rejecting handler gets
 * `defectResponse` (500) if no headers were sent yet, else the stream is reset; finalizers run once:
 * `'finished'` once the response was handed to the stream in full, `'aborted'` if the stream was reset
 * or its session closed first; the cancel token fires on RST_STREAM or session close. As node's
 * compatibility layer does, `CONNECT` gets 405, `Expect: 100-continue` gets a 100 before the handler
 * runs and any other `Expect` gets 417. A server with `allowHTTP1` must not also serve HTTP/2 through
 * a `'request'` listener: add both with `attachHttp2Listeners`.
 *
 * @example
 * import { createSecureServer } from 'node:http2'
 * import { constant, text } from 'kubechain/core'
 * import { toHttp2StreamListener } from 'kubechain/serve'
 *
 * const key = process.env['TLS_KEY'] ?? ''
 * const cert = process.env['TLS_CERT'] ?? ''
 * createSecureServer({ key, cert }).on('stream', toHttp2StreamListener(constant(text(200, 'hello')))).listen(8443, '127.0.0.1')
 */
export const toHttp2StreamListener = (handler: Handler, opts: ListenerOptions = {}): Http2StreamListener => {
  const log = loggerOf(opts)
  return (stream, headers, _flags, rawHeaders) => {
    stream.on('error', ignore) // node reports a reset stream as an error; the exchange sees its 'close'
    const method = headers[':method']
    if (method === 'CONNECT') return refuse(stream, 405)
    const expect = headers.expect
    if (expect !== undefined && !continued(stream, expect)) return refuse(stream, 417)
    const req = new Http2StreamRequest(stream, headers, rawHeaders)
    const ex = new Exchange<ServerHttp2Stream>(req, stream, streamProbe, log)
    const target = parseTarget(req.url)
    if (target._tag === 'Left') return writeHttp2(ex, badRequest)
    serve(ex, handler, toRequest(ex, target.right))
  }
}

/**
 * Runs the handler and writes its answer, in the same turn when it is a response and not a promise;
 * total: every failure ends in `answerHttp2Defect`.
 */
const serve = (ex: Exchange<ServerHttp2Stream>, handler: Handler, request: Request): void => {
  let answer: Response | Promise<Response>
  try {
    answer = handler(request)
    if (!isPending(answer)) return respondHttp2(ex, answer)
  } catch (e) {
    return answerHttp2Defect(ex, e)
  }
  void respondLater(ex, answer)
}

const respondLater = async (ex: Exchange<ServerHttp2Stream>, running: Promise<Response>): Promise<void> => {
  try {
    respondHttp2(ex, await running)
  } catch (e) {
    answerHttp2Defect(ex, e)
  }
}

const ignore = (): void => undefined

/** Node's compatibility layer: `100-continue` is answered with a 100 at once; any other expectation fails. */
const continued = (stream: ServerHttp2Stream, expect: string): boolean => {
  if (expect !== '100-continue') return false
  if (!stream.headersSent && !stream.closed) stream.additionalHeaders({ ':status': 100 })
  return true
}

/** An empty answer with END_STREAM, as node's compatibility layer gives CONNECT (405) and failed expectations (417). */
const refuse = (stream: ServerHttp2Stream, status: number): void => {
  if (!stream.destroyed && !stream.closed) stream.respond({ ':status': status }, { endStream: true })
}

/** Go's answer to a request target it cannot parse. */
const badRequest = bytes(400, '400 Bad Request', { 'content-type': 'text/plain; charset=utf-8' })
