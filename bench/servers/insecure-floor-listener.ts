// The floor of the insecure chain: its per-request decisions written by hand in one synchronous node:http
// listener, with no chain: the request target and kubechain's RequestInfo resolver, the received time and
// the deadline it gives, the long-running check, an in-flight count (the wait group's count is the same
// arithmetic), and the Cache-Control header the insecure chain writes. No child token, timer, warnings,
// CORS check or user. Whatever the
// chain adds is on top of this, so its ratio is what a hand-fused insecure chain could reach here.
import type { RequestListener, ServerResponse } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import { requestInfoResolverConfig } from '../../src/chains/index.js'
import { newRequest, parseTarget } from '../../src/core/index.js'
import { cachedResolver, resolveRequestInfo } from '../../src/request/index.js'
import { defaultConfig } from './secure-parts.js'

const answer = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-cache, private',
    'content-length': String(body.length),
  })
  res.end(body)
}

/** A listener that decides each request as the insecure chain would, answering `hello`. */
export const insecureFloor = (): RequestListener => {
  const cfg = defaultConfig()
  const resolve = cachedResolver(resolveRequestInfo(requestInfoResolverConfig(cfg)), 1024)
  let inFlight = 0
  return (req, res) => {
    const received = Date.now()
    const target = parseTarget(req.url ?? '/')
    if (E.isLeft(target)) return answer(res, 400, 'bad request')
    const request = newRequest({ method: req.method ?? 'GET', target: target.right, headers: req.headers })
    const info = resolve(request)
    if (E.isLeft(info)) return answer(res, 500, 'no request info')
    if (cfg.longRunningFunc(info.right)) return answer(res, 200, 'hello')
    if (received + cfg.requestTimeout <= Date.now()) return answer(res, 504, 'timeout')
    if (inFlight >= cfg.maxRequestsInFlight) return answer(res, 429, 'Too many requests')
    inFlight++
    answer(res, 200, 'hello')
    inFlight--
  }
}
