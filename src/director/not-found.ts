import { type Handler, constant, plainError, toResponse } from '../core/index.js'

/**
 * Go's `http.NotFoundHandler()`: 404 `404 page not found\n`, `text/plain; charset=utf-8`, `nosniff`.
 * The default fallback of every path mux.
 */
export const notFoundHandler: Handler = constant(toResponse(plainError(404, '404 page not found')))
