// One process of `bench/ab-builds.ts` for the HTTP/2 rows (`h2-secure`, `h2-hello`): serves the chain of
// the build in AB_BUILD from the `'stream'` event (`toHttp2StreamListener`) on the in-process HTTP/2 rig
// (`h2-rig.ts`, TLS unless AB_H2_MODE=h2c) and prints how many µs of process CPU per request it costs over
// bare node http2 on the stream API, the median over AB_ROUNDS rounds that measure both, in alternating order.
import type { ServerHttp2Stream } from 'node:http2'
import type { Http2StreamListener } from '../src/serve/index.js'
import { type H2Mode, h2Request, h2Rig } from './h2-rig.js'

const build = process.env['AB_BUILD'] ?? ''
const row = process.env['AB_ROW'] ?? 'h2-secure'
const mode: H2Mode = process.env['AB_H2_MODE'] === 'h2c' ? 'h2c' : 'tls'
const rounds = Number(process.env['AB_ROUNDS'] ?? 15)
const requestsPerRound = 5_000
const sessions = 20 // client connections

const from = (path: string): Promise<Record<string, unknown>> => import(`${build}/${path}`) as Promise<Record<string, unknown>>
// The build may be older than this file: its modules are typed here only as far as this file uses them.
const chains = (await from('src/chains/index.js')) as Record<'buildSecureHandlerChain' | 'standaloneContext', (...a: unknown[]) => unknown>
const toHttp2StreamListener = (await from('src/serve/index.js'))['toHttp2StreamListener'] as (h: unknown) => Http2StreamListener
const hello = (await from('bench/servers/hello-server.js'))['hello']
const parts = (await from('bench/servers/secure-parts.js')) as {
  securePath: string
  benchToken: string
  defaultConfig: () => unknown
  secureParts: () => unknown
}

const handler =
  row === 'h2-secure'
    ? chains.buildSecureHandlerChain(hello, chains.standaloneContext(), parts.defaultConfig(), parts.secureParts())
    : hello
const bareHeaders = { ':status': 200, 'content-type': 'text/plain; charset=utf-8', 'content-length': '5' }
const bare = (stream: ServerHttp2Stream): void => {
  stream.respond(bareHeaders)
  stream.end('hello')
}
const request = h2Request(parts.securePath, parts.benchToken)
const runs = [
  await h2Rig(mode, { setUp: (s) => s.on('stream', bare) }, request, sessions),
  await h2Rig(mode, { setUp: (s) => s.on('stream', toHttp2StreamListener(handler)) }, request, sessions),
]
for (const run of runs) for (let w = 0; w < 2; w++) await run(requestsPerRound)

const over: number[] = []
for (let r = 0; r < rounds; r++) {
  const us = [0, 0]
  for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const c0 = process.cpuUsage()
    await runs[i]?.(requestsPerRound)
    const c = process.cpuUsage(c0)
    us[i] = (c.user + c.system) / requestsPerRound
  }
  over.push((us[1] ?? 0) - (us[0] ?? 0))
}
over.sort((a, b) => a - b)
console.log((over[Math.floor(over.length / 2)] ?? 0).toFixed(3))
process.exit(0)
