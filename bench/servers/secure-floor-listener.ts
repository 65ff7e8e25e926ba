// The floor of the secure chain: its per-request decisions written by hand in one synchronous node:http
// listener, with no chain: kubechain's RequestInfo resolver, token authenticator and RBAC authorizer (the
// same parts as the secure-chain rows), an Audit-ID, an in-flight count and the four response headers the
// secure chain writes. No timeout, deadline, wait group, warnings or audit step. Whatever a chain adds is
// on top of this, so its cost bounds what any implementation of the secure chain can reach.
import { randomUUID } from 'node:crypto'
import type { RequestListener, ServerResponse } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { authorizationAttributes } from '../../src/auth/index.js'
import { requestInfoResolverConfig } from '../../src/chains/index.js'
import { newRequest, parseTarget } from '../../src/core/index.js'
import { cachedResolver, resolveRequestInfo } from '../../src/request/index.js'
import { defaultConfig, secureParts } from './secure-parts.js'

const answer = (res: ServerResponse, status: number, auditId: string, body: string): void => {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-cache, private',
    'audit-id': auditId,
    'content-length': String(body.length),
  })
  res.end(body)
}

/** A listener that decides each request as the secure chain would, answering `hello` when RBAC allows it. */
export const secureFloor = (): RequestListener => {
  const cfg = defaultConfig()
  const { authenticator, authorizer } = secureParts()
  const resolve = cachedResolver(resolveRequestInfo(requestInfoResolverConfig(cfg)), 1024)
  let inFlight = 0
  return (req, res) => {
    const auditId = randomUUID()
    const target = parseTarget(req.url ?? '/')
    if (E.isLeft(target)) return answer(res, 400, auditId, 'bad request')
    const request = newRequest({ method: req.method ?? 'GET', target: target.right, headers: req.headers })
    const info = resolve(request)
    if (E.isLeft(info)) return answer(res, 500, auditId, 'no request info')
    const user = authenticator(request)
    if (E.isLeft(user) || O.isNone(user.right)) return answer(res, 401, auditId, 'Unauthorized')
    if (inFlight >= cfg.maxRequestsInFlight) return answer(res, 429, auditId, 'Too many requests')
    inFlight++
    const allowed = authorizer(authorizationAttributes(user.right.value.user, info.right)).decision === 'Allow'
    answer(res, allowed ? 200 : 403, auditId, allowed ? 'hello' : 'Forbidden')
    inFlight--
  }
}
