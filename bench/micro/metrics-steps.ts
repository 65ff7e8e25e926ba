// Micro bench: what the metrics cost per request in memory: the request-metrics step (request series
// recorded when the work is done), and the authentication and authorization filters with and without their
// recorders (a clock read on each side of the decision, a counter and a histogram each).
// Rows interleaved, fastest of 9 rounds of 100,000. Run alone with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/metrics-steps.js
import * as E from 'fp-ts/lib/Either.js'
import { Registry } from 'prom-client'
import { alwaysAllow } from '../../src/auth/always-authorizers.js'
import { bearerTokenAuthenticator, staticTokenAuthenticator } from '../../src/auth/token-authenticator.js'
import { type Handler, type Request, fakeClock, newRequest, parseTarget, put, silentLogger, text } from '../../src/core/index.js'
import { authenticationDefaults, withAuthentication } from '../../src/filters/with-authentication.js'
import { withAuthorization } from '../../src/filters/with-authorization.js'
import { withRequestMetrics } from '../../src/filters/with-request-metrics.js'
import { authMetrics } from '../../src/metrics/auth-metrics.js'
import { newApiServerMetrics } from '../../src/metrics/index.js'
import { basicLongRunningRequestCheck, receivedTimestampKey, requestInfoKey, resolveRequestInfo } from '../../src/request/index.js'
import { userKey } from '../../src/auth/user.js'

const rounds = 9
const perRound = 100_000
const deps = { clock: fakeClock(1_000_000), log: silentLogger }
const ok = text(200, 'ok')
const inner: Handler = () => ok
const longRunning = basicLongRunningRequestCheck(['watch'], [])
const user = { name: 'alice', uid: '', groups: ['system:authenticated'], extra: {} }
const tokens = bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['t0k3n', user]])))
const failed: Handler = () => text(401, 'no')

const request = (): Request => {
  const target = parseTarget('/api/v1/namespaces/default/configmaps?limit=500')
  if (E.isLeft(target)) throw new Error(target.left)
  const req = newRequest({ method: 'GET', target: target.right, headers: { authorization: 'Bearer t0k3n' } })
  const info = resolveRequestInfo()(req)
  if (E.isLeft(info)) throw new Error(info.left.message)
  return put(put(put(req, receivedTimestampKey, 1_000_000), requestInfoKey, info.right), userKey, user)
}

const auth = authMetrics(new Registry())
const rows: ReadonlyArray<readonly [string, Handler]> = [
  ['handler alone', inner],
  ['request-metrics step', withRequestMetrics(newApiServerMetrics(new Registry(), { processMetrics: false }), longRunning, deps)(inner)],
  ['authentication', withAuthentication(tokens, failed, authenticationDefaults, deps)(inner)],
  ['authentication + metrics', withAuthentication(tokens, failed, authenticationDefaults, deps, auth)(inner)],
  ['authorization', withAuthorization(alwaysAllow, deps)(inner)],
  ['authorization + metrics', withAuthorization(alwaysAllow, deps, auth)(inner)],
]

/** Nanoseconds per request of one round of `h` on `req`. */
const round = (h: Handler, req: Request): number => {
  const start = process.hrtime.bigint()
  for (let i = 0; i < perRound; i++) h(req)
  return Number(process.hrtime.bigint() - start) / perRound
}

const req = request()
const best = rows.map(() => Number.POSITIVE_INFINITY)
for (let r = 0; r < rounds; r++)
  rows.forEach(([, h], i) => {
    best[i] = Math.min(best[i] ?? Number.POSITIVE_INFINITY, round(h, req))
  })
console.log(`metrics in memory, fastest of ${rounds} interleaved rounds of ${perRound.toLocaleString('en-US')} requests`)
rows.forEach(([label], i) => console.log(`${label.padEnd(28)} ${(best[i] ?? 0).toFixed(1).padStart(8)} ns/request`))
