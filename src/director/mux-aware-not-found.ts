import * as O from 'fp-ts/lib/Option.js'
import { type Handler, get, plainError, serviceUnavailable, toResponse } from '../core/index.js'
import { muxIncompleteKey } from '../filters/with-mux-and-discovery-complete.js'

const notYetInstalled = toResponse(
  serviceUnavailable('the request has been made before all known HTTP paths have been installed, please try again', 5),
)

const notFound = toResponse(plainError(404, '404 page not found'))

/**
 * The handler at the end of the delegation chain (upstream `pkg/util/notfoundhandler`): for a request marked
 * by `mux-and-discovery-complete` a 503 `ServiceUnavailable` Status with `Retry-After: 5`, else Go's
 * `404 page not found` text.
 * @example
 * const last = director({ mux: newPathMux(), delegate: muxAwareNotFoundHandler })
 */
export const muxAwareNotFoundHandler: Handler = (req) => (O.isSome(get(req, muxIncompleteKey)) ? notYetInstalled : notFound)
