// Micro bench: does the secure chain's cost grow with what the server holds? In one process, through
// node:http on in-memory sockets (as through-node-http.ts): 1, 1,000 and 10,000 other RBAC bindings, web
// services and exact mux routes, the request hitting the last registered. Rows run interleaved; each
// reports its fastest round and its cost over its kind's "1" case (flat: within 10%). Idle connections
// need real sockets: `npm run bench:scale`. Run alone with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/scale.js
import { toNodeListener } from '../../src/serve/index.js'
import { interleavedRounds } from '../interleaved-rounds.js'
import { benchRequest, loopSocketRig } from '../loop-socket-rig.js'
import { routePath } from '../servers/scale-parts.js'
import { rbacHandler, routesHandler } from '../servers/scale-handlers.js'
import { benchToken, securePath } from '../servers/secure-parts.js'

const sizes = [1, 1_000, 10_000]
const connections = 50
const requestsPerRound = 10_000
const rounds = 7

const cases = [
  ...sizes.map((n) => ({ kind: 'RBAC bindings', n, listener: toNodeListener(rbacHandler(n)), path: securePath })),
  ...sizes.map((n) => ({ kind: 'web services', n, listener: toNodeListener(routesHandler('services', n)), path: routePath(n - 1) })),
  ...sizes.map((n) => ({ kind: 'exact mux routes', n, listener: toNodeListener(routesHandler('mux', n)), path: routePath(n - 1) })),
]
const results = await interleavedRounds(
  cases.map((c) => ({ label: `${c.n} ${c.kind}`, run: loopSocketRig(c.listener, benchRequest(c.path, benchToken), connections) })),
  requestsPerRound,
  rounds,
)
console.log(`${connections} connections, ${rounds} interleaved rounds of ${requestsPerRound} requests per row; fastest round`)
console.log('| row | µs per request | over the "1" case | non-200 |\n|---|---:|---:|---:|')
for (const [i, r] of results.entries()) {
  const one = results[i - (i % sizes.length)]?.bestNs ?? r.bestNs
  const ratio = sizes[i % sizes.length] === 1 ? '—' : `${((r.bestNs / one - 1) * 100).toFixed(1)}%`
  console.log(`| ${r.label} | ${(r.bestNs / 1000).toFixed(2)} | ${ratio} | ${r.failures} |`)
}
