import type { Logger } from './logger.js'
import type { Request } from './request.js'
import type { Response } from './response.js'
import { plainError, toResponse } from './status.js'

/**
 * Upstream `responsewriters.InternalError(w, req, err)`: logs `err` and answers 500 with Go's
 * `http.Error` text `Internal Server Error: "<RequestURI>": <err>`, `&`, `<` and `>` HTML-escaped.
 * Port note: the URI is quoted with `JSON.stringify`, which equals Go's `%q` for every target node
 * accepts (they differ only for control characters, which node:http rejects in a request target).
 * @example
 * internalErrorResponse(req, 'no RequestInfo found in the context', deps.log)
 */
export const internalErrorResponse = (req: Request, err: string, log: Logger): Response => {
  log({ level: 'error', msg: err, fields: { method: req.method, uri: req.url } })
  const text = `Internal Server Error: ${JSON.stringify(req.url)}: ${err}`.replace(htmlSpecial, escapeHtml)
  return toResponse(plainError(500, text))
}

const htmlSpecial = /[&<>]/g

const escapeHtml = (c: string): string => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')
