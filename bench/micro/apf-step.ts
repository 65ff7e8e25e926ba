// Micro bench: what API Priority and Fairness costs per request in memory with no contention, against the
// max-in-flight step it replaces (issue 23: at most +1 µs a request on the secure chain). Rows: each step
// alone on a request carrying RequestInfo and User (a user of `global-default`, upstream's bootstrap
// configuration over 600 seats), then the whole secure chain (bearer token, always-allow authorizer, no audit)
// with max-in-flight and with priority-and-fairness, metrics recorded into `ctx.metrics` in both.
// Rows interleaved, fastest of 9 rounds. Run alone with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/apf-step.js
import * as E from 'fp-ts/lib/Either.js'
import { alwaysAllow } from '../../src/auth/index.js'
import { bearerTokenAuthenticator, staticTokenAuthenticator } from '../../src/auth/token-authenticator.js'
import { userKey } from '../../src/auth/user.js'
import { secureChain, standaloneContext } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import {
  type Handler,
  type Request,
  build,
  defaultDeps,
  isPending,
  newRequest,
  parseTarget,
  put,
  silentLogger,
  text,
} from '../../src/core/index.js'
import { withMaxInFlightLimit } from '../../src/filters/with-max-in-flight.js'
import { withPriorityAndFairness } from '../../src/filters/with-priority-and-fairness.js'
import { newApfRuntime } from '../../src/flowcontrol/apf-runtime.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { servedFlowcontrolObjects } from '../../src/flowcontrol/served-flowcontrol-objects.js'
import { newApiServerMetrics } from '../../src/metrics/index.js'
import { basicLongRunningRequestCheck, receivedTimestampKey, requestInfoKey, resolveRequestInfo } from '../../src/request/index.js'
import { interleavedRounds, roundsTable } from '../interleaved-rounds.js'

const rounds = 9
const perRound = 50_000
const deps = { ...defaultDeps, log: silentLogger }
const ok = text(200, 'ok')
const inner: Handler = () => ok
const longRunning = basicLongRunningRequestCheck(['watch'], [])
const user = { name: 'alice', uid: '', groups: ['system:authenticated'], extra: {} }
const cfg = newConfig({})
if (E.isLeft(cfg)) throw new Error('config')

const apfRuntime = () => {
  const served = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: deps.clock.now, newId: deps.newId })
  const apf = newApfRuntime(served, 600, { clock: deps.clock })
  if (E.isLeft(apf)) throw new Error(apf.left)
  return apf.right
}

const target = (): ReturnType<typeof parseTarget> => parseTarget('/api/v1/namespaces/default/configmaps?limit=500')

/** A request as the step sees it: RequestInfo, User and the received timestamp already put. */
const attributed = (): Request => {
  const t = target()
  if (E.isLeft(t)) throw new Error(t.left)
  const req = newRequest({ method: 'GET', target: t.right, headers: {} })
  const info = resolveRequestInfo()(req)
  if (E.isLeft(info)) throw new Error(info.left.message)
  return put(put(put(req, receivedTimestampKey, deps.clock.now()), requestInfoKey, info.right), userKey, user)
}

/** A request as the secure chain gets it from the adapter. */
const raw = (): Request => {
  const t = target()
  if (E.isLeft(t)) throw new Error(t.left)
  return newRequest({ method: 'GET', target: t.right, headers: { authorization: 'Bearer t0k3n' } })
}

const parts = {
  authenticator: bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['t0k3n', user]]))),
  authorizer: alwaysAllow,
}
const chain = (apf: boolean): Handler => {
  const ctx = { ...standaloneContext(deps), metrics: newApiServerMetrics(undefined, { processMetrics: false }) }
  const p = apf ? { ...parts, priorityAndFairness: { apf: apfRuntime() } } : parts
  return build(secureChain(ctx, cfg.right, p, { httpLogging: { enabled: false } }))(inner)
}

/** Runs `n` requests of `h` one after another, awaiting only answers that are promises; counts non-200s. */
const runner =
  (h: Handler, req: () => Request) =>
  async (n: number): Promise<number> => {
    let failures = 0
    for (let i = 0; i < n; i++) {
      const a = h(req())
      const res = isPending(a) ? await a : a
      if (res._tag === 'Http' && res.status !== 200) failures++
    }
    return failures
  }

const stepReq = attributed()
const metrics = newApiServerMetrics(undefined, { processMetrics: false })
const results = await interleavedRounds(
  [
    {
      label: 'max-in-flight step',
      run: runner(withMaxInFlightLimit(cfg.right, longRunning, deps, undefined, metrics)(inner), () => stepReq),
    },
    {
      label: 'priority-and-fairness step',
      run: runner(withPriorityAndFairness(apfRuntime(), longRunning, deps, { requestTimeoutMs: 60_000, metrics })(inner), () => stepReq),
    },
    { label: 'secure chain, max-in-flight', run: runner(chain(false), raw) },
    { label: 'secure chain, priority-and-fairness', run: runner(chain(true), raw) },
  ],
  perRound,
  rounds,
)
console.log(
  `API Priority and Fairness in memory, no contention, fastest of ${rounds} interleaved rounds of ${perRound.toLocaleString('en-US')}`,
)
console.log(roundsTable(results, { us: 'µs/request', over: 'over the first row' }, 3))
const chainCost = ((results[3]?.bestNs ?? 0) - (results[2]?.bestNs ?? 0)) / 1000
console.log(`\nsecure chain: priority-and-fairness over max-in-flight: ${chainCost >= 0 ? '+' : ''}${chainCost.toFixed(3)} µs/request`)
