import * as O from 'fp-ts/lib/Option.js'
import { type UserInfo, userKey } from '../auth/user.js'
import { type Request, get } from '../core/index.js'
import { auditIdKey } from '../request/facts.js'
import { type RequestInfo, requestInfoKey } from '../request/request-info.js'

/**
 * What a chain run in front of another framework's routes (Express, Fastify, a fetch handler such as
 * Hono's) hands to those routes: the user authentication (and impersonation) settled on, the request's
 * RequestInfo, its audit ID, and the Request as the chain's innermost step saw it, for any other
 * attribute (`get(ctx.request, key)`). A field is `undefined` when the chain has no step that provides it.
 */
export interface ChainContext {
  readonly user: UserInfo | undefined
  readonly requestInfo: RequestInfo | undefined
  readonly auditId: string | undefined
  readonly request: Request
}

/** The ChainContext of a request that went through a chain. */
export const chainContext = (request: Request): ChainContext => ({
  user: O.toUndefined(get(request, userKey)),
  requestInfo: O.toUndefined(get(request, requestInfoKey)),
  auditId: O.toUndefined(get(request, auditIdKey)),
  request,
})
