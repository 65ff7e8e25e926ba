import { type HttpResponse, isAbortHandler, statusError, toResponse } from '../core/index.js'
import type { Exchange } from './exchange.js'
import { type NodeResponse, destroyResponse, isClosed } from './node-response.js'
import { writeHttp } from './write-response.js'

/**
 * The adapters' answer to a defect (a handler that throws or rejects): a 500 Status, reason
 * `InternalError`, carrying the text of upstream's panic recovery. The error itself goes to the log only.
 */
export const defectResponse: HttpResponse = toResponse(
  statusError({
    status: 'Failure',
    code: 500,
    reason: 'InternalError',
    message: 'This request caused apiserver to panic. Look in the logs for details.',
    details: undefined,
  }),
)

/**
 * Logs a defect, then answers `defectResponse` if nothing was sent yet, else cuts the response off
 * (HTTP/1: connection destroyed; HTTP/2: stream reset). `abortHandler` cuts it off at once, unlogged.
 * Never throws.
 */
export const answerDefect = (ex: Exchange<NodeResponse>, error: unknown): void => {
  ex.report('the handler failed', error)
  ex.fail()
  const res = ex.target
  if (!isAbortHandler(error) && !res.headersSent && !isClosed(res)) {
    try {
      for (const name of res.getHeaderNames()) res.removeHeader(name)
      return writeHttp(ex, defectResponse)
    } catch (e) {
      ex.report('writing the error response failed', e)
    }
  }
  try {
    destroyResponse(res)
  } catch (e) {
    ex.report('cutting the response off failed', e)
  }
}
