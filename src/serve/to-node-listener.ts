import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2'
import type { Duplex } from 'node:stream'
import {
  type Handler,
  type HttpResponse,
  type RawRequest,
  type Request,
  type Response,
  bytes,
  isPending,
  parseTarget,
} from '../core/index.js'
import { Exchange, type Probe } from './exchange.js'
import { answerDefect } from './last-resort.js'
import { type ListenerOptions, loggerOf } from './listener-options.js'
import { type NodeResponse, completed, isClosed, isHttp2Response } from './node-response.js'
import { respond } from './respond.js'
import { toRequest } from './to-request.js'
import { writeHttp } from './write-response.js'

/** A `'request'` listener for node:http, node:https and node:http2 (compatibility API) servers. */
export type NodeRequestListener = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void

/**
 * Runs a Handler inside a node server. The Request carries node's own header object (no copy; on
 * HTTP/2 it includes the pseudo-headers) and a cancel token that watches the connection only once
 * someone subscribes. A target with a bad `%` escape gets Go's `400 Bad Request` without calling the
 * handler. A handler that throws or rejects gets `defectResponse` (500) if nothing was sent yet, else
 * the connection or stream is cut; the error goes to `opts.log` (`abortHandler` cuts quietly). Finalizers run once, when the response
 * ended: `'finished'` once handed to the connection in full (a Bytes or Empty body right after `end`, with
 * no `'close'` listener; a stream after its last chunk), `'aborted'` if the connection died first.
 *
 * @example
 * import { createServer } from 'node:http'
 * import { constant, text } from 'kubechain/core'
 * import { toNodeListener } from 'kubechain/serve'
 *
 * createServer(toNodeListener(constant(text(200, 'hello')))).listen(8080, '127.0.0.1')
 */
export const toNodeListener = (handler: Handler, opts: ListenerOptions = {}): NodeRequestListener => {
  const log = loggerOf(opts)
  return (req, res) => {
    const ex = new Exchange<NodeResponse>(req, res, responseProbe, log)
    const target = parseTarget(req.url ?? '/')
    if (target._tag === 'Left') return writeHttp(ex, badRequestFor(req))
    serve(ex, handler, toRequest(ex, target.right))
  }
}

/**
 * Runs the handler and writes its answer, in the same turn when it is a response and not a promise;
 * total: every failure ends in `answerDefect`. The adapter's last resort, so it catches on its own.
 */
const serve = (ex: Exchange<NodeResponse>, handler: Handler, request: Request): void => {
  let answer: Response | Promise<Response>
  try {
    answer = handler(request)
    if (!isPending(answer)) return respond(ex, answer)
  } catch (e) {
    return answerDefect(ex, e)
  }
  void respondLater(ex, answer)
}

/** The rest of `serve` for an answer that comes later. */
const respondLater = async (ex: Exchange<NodeResponse>, running: Promise<Response>): Promise<void> => {
  try {
    respond(ex, await running)
  } catch (e) {
    answerDefect(ex, e)
  }
}

/**
 * An HTTP/1 client that half-closes (FIN) while its handler runs has left, as Go's background read
 * decides at EOF: the request is cancelled. The connection stays half-open, so a response the handler
 * gives anyway is still written (`httpAllowHalfOpen`). HTTP/2 streams end with RST_STREAM, which
 * `'close'` sees.
 */
const responseProbe: Probe<NodeResponse> = {
  isClosed,
  completed,
  follow: (res, left) => {
    const socket = http1Socket(res)
    if (socket === undefined) return
    if (socket.readableEnded) return left()
    socket.once('end', left)
  },
  unfollow: (res, left) => void http1Socket(res)?.off('end', left),
}

const http1Socket = (res: NodeResponse): Duplex | undefined => (isHttp2Response(res) ? undefined : (res.socket ?? undefined))

const badRequest = bytes(400, '400 Bad Request', { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
const badRequestH2 = bytes(400, '400 Bad Request', { 'content-type': 'text/plain; charset=utf-8' })

/** Go's answer to a request line it cannot parse; HTTP/1 connections are closed after it. */
const badRequestFor = (req: RawRequest): HttpResponse => (req.httpVersionMajor === 2 ? badRequestH2 : badRequest)
