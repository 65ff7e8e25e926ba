import type { ServerHttp2Stream } from 'node:http2'
import { type HttpResponse, type Response, type TakeoverResponse, addFinalizer, isAbortHandler, isComplete } from '../core/index.js'
import type { Exchange } from './exchange.js'
import { isStreamClosed, resetStream, streamCompleted } from './http2-stream.js'
import { defectResponse } from './last-resort.js'
import { takeoverOverHttp2, upgradeRequired } from './respond.js'
import { writeHttp2 } from './write-http2.js'

/**
 * Writes what a handler answered on an HTTP/2 stream, as `respond` does on node's compatibility API:
 * Http by `writeHttp2` (a response written over time is finalized when it ended and cut if its
 * `deadline` passes first); a takeover is refused with 505 (`takeoverOverHttp2`: a node:http listener
 * cannot answer HTTP/2), an upgrade with 426; their finalizers run with `'discarded'`.
 */
export const respondHttp2 = (ex: Exchange<ServerHttp2Stream>, response: Response): void => {
  switch (response._tag) {
    case 'Http':
      if (!isComplete(response)) {
        ex.settle(cutAtDeadline(ex, response))
        return writeHttp2(ex, response)
      }
      ex.settleWhole(response)
      writeHttp2(ex, response)
      return ex.ended()
    case 'Takeover':
      return refuseTakeover(ex, response)
    case 'Upgrade':
      ex.discard(response)
      return writeHttp2(ex, upgradeRequired)
  }
}

/** Resets the stream of a response written over time that is still being written when its `deadline` is cancelled. */
const cutAtDeadline = (ex: Exchange<ServerHttp2Stream>, response: HttpResponse): HttpResponse => {
  const deadline = response.deadline
  if (deadline === undefined) return response
  const stop = deadline.onCancel(() => {
    const stream = ex.target
    if (!isStreamClosed(stream) && !streamCompleted(stream)) resetStream(stream) // quietly, as Go's ErrAbortHandler
  })
  return addFinalizer(stop)(response)
}

const refuseTakeover = (ex: Exchange<ServerHttp2Stream>, r: TakeoverResponse): void => {
  ex.report('a takeover cannot serve an HTTP/2 request', new Error('takeover refused over HTTP/2'))
  ex.discard(r)
  writeHttp2(ex, takeoverOverHttp2)
}

/**
 * `answerDefect` on a stream: logs the defect, answers `defectResponse` if no headers were sent yet,
 * else resets the stream (INTERNAL_ERROR); `abortHandler` resets it at once, unlogged. Never throws.
 */
export const answerHttp2Defect = (ex: Exchange<ServerHttp2Stream>, error: unknown): void => {
  ex.report('the handler failed', error)
  ex.fail()
  const stream = ex.target
  if (!isAbortHandler(error) && !stream.headersSent && !isStreamClosed(stream)) {
    try {
      return writeHttp2(ex, defectResponse)
    } catch (e) {
      ex.report('writing the error response failed', e)
    }
  }
  try {
    resetStream(stream)
  } catch (e) {
    ex.report('cutting the response off failed', e)
  }
}
