import {
  type CancelSource,
  type Chunk,
  type Ended,
  type HttpResponse,
  type Logger,
  type MemoryRequest,
  type Response,
  type ResponseHeaders,
  plainError,
  runFinalizers,
  toResponse,
} from '../core/index.js'
import { defectResponse } from './last-resort.js'
import { type Report, report } from './listener-options.js'
import { pullStream } from './pull-stream.js'
import { discardStream } from './write-stream.js'

/** One request served in memory: its raw request, its cancel source, where failures are logged; finalizes once. */
export class WebExchange {
  private finalized = false

  constructor(
    readonly raw: MemoryRequest,
    readonly source: CancelSource,
    readonly log: Logger,
    /** True when the client is known to be gone (the Web request's signal aborted). */
    readonly gone: () => boolean,
  ) {}

  /** Runs the response's finalizers with `outcome`, the first time only. */
  finalize(res: Response, outcome: Ended): void {
    if (this.finalized) return
    this.finalized = true
    const failure = runFinalizers(res, outcome)
    if (failure !== undefined) this.report('a finalizer failed', failure)
  }

  /** Logs what failed on this request; never throws. */
  readonly report: Report = (msg, error) => report(this.log, this.raw, msg, error)
}

/**
 * A handler's response as a Web Response, its finalizers run once (see `toFetchHandler`). An Upgrade or a
 * Takeover cannot be served by a fetch server: 501, their finalizers `'discarded'`. Throws only what Web
 * `Headers` and `Response` throw on invalid headers or status, after finalizing with `'aborted'`.
 */
export const respondWeb = (ex: WebExchange, res: Response): globalThis.Response => {
  if (res._tag !== 'Http') {
    ex.finalize(res, 'discarded') // the 501 below lets the body go
    return httpWeb(ex, res._tag === 'Upgrade' ? upgradeNotImplemented : takeoverNotImplemented)
  }
  try {
    return httpWeb(ex, res)
  } catch (e) {
    ex.finalize(res, 'aborted')
    throw e
  }
}

/** The answer to a defect: `defectResponse`, the error logged (`abortHandler` unlogged: a fetch server has no connection to cut). */
export const defectWeb = (ex: WebExchange, error: unknown): globalThis.Response => {
  ex.report('the handler failed', error)
  return httpWeb(ex, defectResponse)
}

/** Headers, then the body the status and method allow (see `toFetchHandler`); finalized at once unless streamed. */
const httpWeb = (ex: WebExchange, res: HttpResponse): globalThis.Response => {
  const headers = webHeaders(res.headers)
  const body = res.body
  const init = { status: res.status, headers }
  const head = ex.raw.method === 'HEAD'
  let value: Chunk | null = null
  if (body._tag === 'Stream') {
    if (!head && bodyAllowed(res.status)) return new Response(streamOf(ex, res, body.chunks), init)
    void discardStream(body.chunks, ex.report) // never read: its producer may stop
  } else if (bodyAllowed(res.status)) {
    if (body._tag === 'Bytes') headers.set('content-length', String(byteLength(body.value)))
    else if (!head && !headers.has('content-length')) headers.set('content-length', '0')
    if (body._tag === 'Bytes' && !head) value = body.value
  }
  const response = new Response(value, init)
  ex.finalize(res, ex.gone() ? 'aborted' : 'finished')
  ex.raw.letGo()
  return response
}

const streamOf = (ex: WebExchange, res: HttpResponse, chunks: AsyncIterable<Chunk>): ReadableStream<Uint8Array> =>
  pullStream(chunks, {
    finish: (outcome) => {
      ex.finalize(res, outcome)
      ex.raw.letGo()
    },
    left: (reason) => ex.source.cancel(reason),
    deadline: res.deadline,
    gone: ex.source.token,
    report: ex.report,
  })

/**
 * Response headers as Web Headers, a repeated value appended once per value. Connection-specific headers
 * (`connection`, `keep-alive`, `transfer-encoding`) are left out: the fetch server owns its connections.
 */
const webHeaders = (headers: ResponseHeaders): Headers => {
  const out = new Headers()
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined || hopByHop.has(name)) continue
    if (typeof value === 'string') out.append(name, value)
    else for (const v of value) out.append(name, v)
  }
  return out
}

const hopByHop: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'transfer-encoding'])

const bodyAllowed = (status: number): boolean => status >= 200 && status !== 204 && status !== 304

const byteLength = (chunk: Chunk): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength)

const upgradeNotImplemented = toResponse(
  plainError(501, 'expected an http response from a fetch handler, got a websocket upgrade: a fetch server has no socket to hand over'),
)

const takeoverNotImplemented = toResponse(
  plainError(501, 'expected an http response from a fetch handler, got a takeover: a node:http listener cannot answer a Web request'),
)
