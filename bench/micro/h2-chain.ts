// Micro bench: what an HTTP/2 request costs in one process, client sessions and server over loopback
// (`h2-rig.ts`), for node's two HTTP/2 APIs, kubechain's hello and the secure chain from the `'stream'`
// event, and both through `serveSecurely` (TLS only). Rows run interleaved; each reports its fastest
// round. The client's and the kernel's share is the same in every row. Run alone with:
//   npx tsc -p tsconfig.bench.json && H2_MODE=h2c node .bench-build/bench/micro/h2-chain.js   (H2_MODE: tls by default)
// H2_ROWS='<words>|<words>' keeps the rows whose label has one of the words (to profile one with --cpu-prof).
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { type Handler, silentLogger } from '../../src/core/index.js'
import { secureServingDefaults, serveSecurely, toHttp2StreamListener } from '../../src/serve/index.js'
import { type H2Mode, type H2Server, h2Request, h2Rig } from '../h2-rig.js'
import { interleavedRounds, roundsTable } from '../interleaved-rounds.js'
import { bareHello } from '../servers/bare-hello.js'
import { benchCertificate } from '../servers/bench-certificate.js'
import { hello } from '../servers/hello-server.js'
import { benchToken, defaultConfig, securePath, secureParts } from '../servers/secure-parts.js'

const mode: H2Mode = process.env['H2_MODE'] === 'h2c' ? 'h2c' : 'tls'
const sessions = Number(process.env['H2_SESSIONS'] ?? 20) // client connections
const requestsPerRound = 10_000
const rounds = 7
const stop = new AbortController()

const bareHeaders = { ':status': 200, 'content-type': 'text/plain; charset=utf-8', 'content-length': '5' }
const secure = (): Handler => buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), secureParts())

/** `handler` through serveSecurely on 127.0.0.1:0, stopped when the bench ends. */
const securely = async (handler: Handler): Promise<H2Server> => {
  const pair = benchCertificate()
  const info = { ...secureServingDefaults, bindAddress: '127.0.0.1', bindPort: 0 as t.Int, certFile: pair.certFile, keyFile: pair.keyFile }
  const serving = await serveSecurely(info, handler, 1_000, stop.signal, { log: silentLogger })()
  if (E.isLeft(serving)) throw new Error(`serveSecurely failed: ${serving.left.message}`)
  return { port: serving.right.address.port }
}

const rows: Array<{ label: string; server: H2Server }> = [
  { label: 'bare node http2, compat API', server: { setUp: (s) => s.on('request', bareHello) } },
  {
    label: 'bare node http2, stream API',
    server: {
      setUp: (s) =>
        s.on('stream', (stream) => {
          stream.respond(bareHeaders)
          stream.end('hello')
        }),
    },
  },
  { label: 'kubechain hello, toHttp2StreamListener', server: { setUp: (s) => s.on('stream', toHttp2StreamListener(hello)) } },
  { label: 'kubechain secure chain, toHttp2StreamListener', server: { setUp: (s) => s.on('stream', toHttp2StreamListener(secure())) } },
]
if (mode === 'tls') {
  rows.push({ label: 'kubechain hello, serveSecurely', server: await securely(hello) })
  rows.push({ label: 'kubechain secure chain, serveSecurely', server: await securely(secure()) })
}

const only = process.env['H2_ROWS']?.split('|') // for profiling: the rows whose label has one of these words
const chosen = only === undefined ? rows : rows.filter((r) => only.some((w) => r.label.includes(w)))
const request = h2Request(securePath, benchToken)
const runs = await Promise.all(chosen.map(async (r) => ({ label: r.label, run: await h2Rig(mode, r.server, request, sessions) })))
const cpu = runs.map(() => Number.POSITIVE_INFINITY)
const timed = runs.map((r, i) => ({
  label: r.label,
  run: async (n: number) => {
    const c0 = process.cpuUsage()
    const failed = await r.run(n)
    const c = process.cpuUsage(c0)
    cpu[i] = Math.min(cpu[i] ?? Number.POSITIVE_INFINITY, (c.user + c.system) / n)
    return failed
  },
}))
const results = await interleavedRounds(timed, requestsPerRound, rounds)
console.log(
  `HTTP/2 (${mode}) in one process, ${sessions} client connections of 1 stream, ${rounds} interleaved rounds of ${requestsPerRound} requests per row; fastest round`,
)
console.log(roundsTable(results, { us: 'µs per request', over: 'over bare compat' }, 2))
console.log(`process CPU µs per request (all threads), fastest round: ${runs.map((r, i) => `${r.label} ${cpu[i]?.toFixed(2)}`).join('; ')}`)
stop.abort()
process.exit(0)
