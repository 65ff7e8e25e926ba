// One process of `bench/ab-builds.ts`: loads the chain of the build in AB_BUILD (a `.bench-build`
// directory) and prints how many µs per request it costs over bare node:http, the median over AB_ROUNDS
// rounds that measure both on the in-process rig, in alternating order.
import type { RequestListener } from 'node:http'
import { benchRequest, loopSocketRig } from './loop-socket-rig.js'

const build = process.env['AB_BUILD'] ?? ''
const row = process.env['AB_ROW'] ?? 'insecure'
const rounds = Number(process.env['AB_ROUNDS'] ?? 15)
const requestsPerRound = 10_000

const from = (path: string): Promise<Record<string, unknown>> => import(`${build}/${path}`) as Promise<Record<string, unknown>>
// The build may be older than this file: its modules are typed here only as far as this file uses them.
type Listener = (h: unknown) => RequestListener
const chains = (await from('src/chains/index.js')) as Record<
  'buildInsecureHandlerChain' | 'buildSecureHandlerChain',
  (...a: unknown[]) => unknown
> & {
  standaloneContext?: () => unknown
}
const toNodeListener = (await from('src/serve/index.js'))['toNodeListener'] as Listener
const hello = (await from('bench/servers/hello-server.js'))['hello']
const bareHello = (await from('bench/servers/bare-hello.js'))['bareHello'] as RequestListener
const parts = (await from('bench/servers/secure-parts.js')) as {
  securePath: string
  benchToken: string
  defaultConfig: () => unknown
  secureParts: () => unknown
}

// Builds with a server context take it after the handler; older builds made their own runtime.
const context = chains.standaloneContext === undefined ? [] : [chains.standaloneContext()]
const handler =
  row === 'secure'
    ? chains.buildSecureHandlerChain(hello, ...context, parts.defaultConfig(), parts.secureParts())
    : chains.buildInsecureHandlerChain(hello, ...context, parts.defaultConfig())
const request = benchRequest(parts.securePath, parts.benchToken)
const runs = [loopSocketRig(bareHello, request, 50), loopSocketRig(toNodeListener(handler), request, 50)]
for (const run of runs) for (let w = 0; w < 2; w++) await run(requestsPerRound)

const over: number[] = []
for (let r = 0; r < rounds; r++) {
  const us = [0, 0]
  for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const t0 = process.hrtime.bigint()
    await runs[i]?.(requestsPerRound)
    us[i] = Number(process.hrtime.bigint() - t0) / requestsPerRound / 1000
  }
  over.push((us[1] ?? 0) - (us[0] ?? 0))
}
over.sort((a, b) => a - b)
console.log((over[Math.floor(over.length / 2)] ?? 0).toFixed(3))
