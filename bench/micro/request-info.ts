// Micro-benchmark: RequestInfo resolutions per second over a fixed mix of resource and non-resource
// requests, for the target-string resolver and for core Requests. Run with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/request-info.js
import * as E from 'fp-ts/lib/Either.js'
import { type RequestInit, newRequest, parseTarget } from '../../src/core/index.js'
import { newRequestInfoResolver, resolveRequestInfo } from '../../src/request/index.js'

const mix: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/v1/namespaces/default/pods/web-0'],
  ['GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&limit=500'],
  ['GET', '/apis/apps/v1/namespaces/kube-system/deployments?watch=1&resourceVersion=12345'],
  ['PUT', '/apis/apps/v1/namespaces/default/deployments/web/status'],
  ['POST', '/api/v1/namespaces/default/pods'],
  ['DELETE', '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-0'],
  ['GET', '/api/v1/nodes?fieldSelector=metadata.name%3Dnode-1'],
  ['PATCH', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1'],
  ['GET', '/healthz'],
  ['GET', '/readyz?verbose'],
  ['GET', '/apis'],
  ['GET', '/openapi/v3/apis/apps/v1'],
]

const PASS_ROUNDS = 20_000
const PASSES = 7

/** Runs `once` over the mix PASS_ROUNDS times; answers resolutions per second. */
const pass = (once: (i: number) => boolean): number => {
  let ok = 0
  const start = process.hrtime.bigint()
  for (let r = 0; r < PASS_ROUNDS; r++) {
    for (let i = 0; i < mix.length; i++) if (once(i)) ok++
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (ok !== PASS_ROUNDS * mix.length) throw new Error(`unexpected failures: ${PASS_ROUNDS * mix.length - ok}`)
  return (PASS_ROUNDS * mix.length) / seconds
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

const measure = (label: string, once: (i: number) => boolean): void => {
  pass(once)
  pass(once)
  const runs = Array.from({ length: PASSES }, () => pass(once))
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  console.log(
    `${label.padEnd(28)} median ${fmt(median(runs))} ops/s  (min ${fmt(Math.min(...runs))}, max ${fmt(Math.max(...runs))}, ${PASSES} passes of ${PASS_ROUNDS * mix.length})`,
  )
}

const toInit = ([method, url]: readonly [string, string]): RequestInit => {
  const target = parseTarget(url)
  if (E.isLeft(target)) throw new Error(target.left)
  return { method, target: target.right, headers: {} }
}

const resolve = newRequestInfoResolver()
const resolveReq = resolveRequestInfo()
const inits = mix.map(toInit)

console.log(
  `RequestInfo resolution, ${mix.length} requests in the mix (${mix.filter(([, u]) => /^\/apis?\/[^/]+\/[^/?]/.test(u)).length} resource)`,
)
measure('newRequestInfoResolver(url)', (i) => E.isRight(resolve(...(mix[i] as readonly [string, string]))))
// A fresh Request each time, as in a server: the request's parsed query is memoized per Request.
measure('resolveRequestInfo(req)', (i) => E.isRight(resolveReq(newRequest(inits[i] as RequestInit))))
