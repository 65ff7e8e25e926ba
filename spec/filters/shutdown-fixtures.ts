import { type Handler, type Headers, type Request, type Response, put, stream, text } from '../../src/core/index.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import { type RequestInfo, requestInfoKey } from '../../src/request/request-info.js'
import { chunksOf, makeRequest } from '../support/request.js'
import { resourceInfo } from '../support/request-info.js'

/** A resource RequestInfo with `verb` (and `subresource`), namespaced pods. */
export const infoFor = (verb: string, subresource = ''): RequestInfo =>
  resourceInfo(verb, 'pods', { path: '/api/v1/namespaces/ns/pods', namespace: 'ns', subresource })

/** A user in `groups`. */
export const userIn = (...groups: string[]): UserInfo => ({ name: 'jane', uid: '1', groups, extra: {} })

/** Options of `requestFor`. */
export interface RequestFor {
  readonly url?: string
  readonly subresource?: string
  readonly user?: UserInfo
  readonly headers?: Headers
}

/** A request carrying RequestInfo for `verb` and, if given, a user. */
export const requestFor = (verb: string, opts: RequestFor = {}): Request => {
  const req = put(
    makeRequest(opts.url ?? '/api/v1/namespaces/ns/pods', { headers: opts.headers ?? {} }),
    requestInfoKey,
    infoFor(verb, opts.subresource),
  )
  return opts.user === undefined ? req : put(req, userKey, opts.user)
}

/**
 * A streamed response, never read here: the request that answers it stays in flight until the response
 * ended (its finalizers ran), where a complete response is released when the inner handler answered.
 */
export const streamed = (): Response => stream(200, chunksOf('inner'))

/** An inner handler that counts its calls, keeps the requests it saw and always answers the same response. */
export const countingHandler = (res: Response = text(200, 'inner')) => {
  const seen: Request[] = []
  const handler: Handler = (req) => {
    seen.push(req)
    return res
  }
  return { handler, seen, res }
}

/** Lets pending promise callbacks run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
