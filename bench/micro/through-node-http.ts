// Micro bench: what a request costs inside one process, through node:http's own parser and response
// writer, the kubechain adapter and a chain, on in-memory sockets (no kernel, no load generator). The
// loopback rows of `npm run bench` swing far more on this VM; a row here moves by up to ~12%. Rows run
// interleaved (round r measures every row once), and each row reports its fastest round. Rows of one
// process carry their own JIT decisions, so differences under ~0.2 µs between them mean nothing: to see
// whether a change saves less than that, compare two builds with `bench/ab-builds.ts`. Run alone with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/through-node-http.js
import type { RequestListener } from 'node:http'
import { buildInsecureHandlerChain, buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { build } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { interleavedRounds, roundsTable } from '../interleaved-rounds.js'
import { benchRequest, loopSocketRig } from '../loop-socket-rig.js'
import { bareHello } from '../servers/bare-hello.js'
import { hello, passThrough } from '../servers/hello-server.js'
import { insecureFloor } from '../servers/insecure-floor-listener.js'
import { secureFloor } from '../servers/secure-floor-listener.js'
import { benchToken, defaultConfig, securePath, secureParts } from '../servers/secure-parts.js'

const connections = 50
const requestsPerRound = 20_000
const rounds = 7

const request = benchRequest(securePath, benchToken)

interface Row {
  readonly label: string
  readonly listener: RequestListener
}

const rows: ReadonlyArray<Row> = [
  { label: 'bare node:http', listener: bareHello },
  { label: 'floor: insecure chain decisions by hand, no chain', listener: insecureFloor() },
  { label: 'floor: secure chain decisions by hand, no chain', listener: secureFloor() },
  { label: 'kubechain, 0 steps', listener: toNodeListener(build([])(hello)) },
  { label: 'kubechain, 12 pass-through steps', listener: toNodeListener(build(passThrough(12))(hello)) },
  { label: 'kubechain, insecure chain', listener: toNodeListener(buildInsecureHandlerChain(hello, standaloneContext(), defaultConfig())) },
  {
    label: 'kubechain, secure chain',
    listener: toNodeListener(buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), secureParts())),
  },
]

const results = await interleavedRounds(
  rows.map((r) => ({ label: r.label, run: loopSocketRig(r.listener, request, connections) })),
  requestsPerRound,
  rounds,
)
console.log(`${connections} connections, ${rounds} interleaved rounds of ${requestsPerRound} requests per row; fastest round`)
console.log(roundsTable(results, { us: 'µs per request', over: 'over bare node:http' }, 2))
