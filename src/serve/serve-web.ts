import { type Handler, type Response, bytes, isPending, newRequest, parseTarget } from '../core/index.js'
import { type WebExchange, defectWeb, respondWeb } from './respond-web.js'

/**
 * Runs `handler` on the exchange's request and gives its answer as a Web Response; never rejects. A
 * target with a bad `%` escape gets Go's `400 Bad Request` without calling the handler; a handler that
 * throws or rejects (or a response the Web API refuses) gets `defectResponse` (500), logged.
 */
export const serveWeb = (handler: Handler, ex: WebExchange): Promise<globalThis.Response> => {
  const target = parseTarget(ex.raw.url)
  if (target._tag === 'Left') return Promise.resolve(respondWeb(ex, badRequest))
  const request = newRequest({ method: ex.raw.method, target: target.right, headers: ex.raw.headers, raw: ex.raw, cancel: ex.source.token })
  try {
    const answer = handler(request)
    if (!isPending(answer)) return Promise.resolve(answerWeb(ex, answer))
    return answer.then(
      (res) => answerWeb(ex, res),
      (e: unknown) => defectWeb(ex, e),
    )
  } catch (e) {
    return Promise.resolve(defectWeb(ex, e))
  }
}

/** `respondWeb`, a throw of it answered as a defect. */
const answerWeb = (ex: WebExchange, res: Response): globalThis.Response => {
  try {
    return respondWeb(ex, res)
  } catch (e) {
    return defectWeb(ex, e)
  }
}

/** Go's answer to a request line it cannot parse. */
const badRequest = bytes(400, '400 Bad Request', { 'content-type': 'text/plain; charset=utf-8' })
