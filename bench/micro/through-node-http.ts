// Micro bench: what a request costs inside one process, through node:http's own parser and response
// writer, the kubechain adapter and a chain, on in-memory sockets (no kernel, no load generator). The
// loopback rows of `npm run bench` swing far more on this VM; a row here moves by up to ~12%, so it is the
// place to see whether a change to the chain or the adapter saves time. Rows run interleaved (round r
// measures every row once), and each row reports its fastest round. Run alone with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/through-node-http.js
import { type RequestListener, createServer } from 'node:http'
import { Duplex } from 'node:stream'
import { buildInsecureHandlerChain, buildSecureHandlerChain } from '../../src/chains/index.js'
import { build } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { interleavedRounds, roundsTable } from '../interleaved-rounds.js'
import { bareHello } from '../servers/bare-hello.js'
import { hello, passThrough } from '../servers/hello-server.js'
import { insecureFloor } from '../servers/insecure-floor-listener.js'
import { secureFloor } from '../servers/secure-floor-listener.js'
import { benchToken, defaultConfig, securePath, secureParts } from '../servers/secure-parts.js'

const connections = 50
const requestsPerRound = 20_000
const rounds = 7

const request = Buffer.from(
  `GET ${securePath} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: micro\r\nAuthorization: Bearer ${benchToken}\r\n\r\n`,
)

/** A socket whose peer lives in this process: it sends the request again when a response has been written. */
class LoopSocket extends Duplex {
  readonly remoteAddress = '127.0.0.1'
  readonly remotePort = 40000
  readonly localAddress = '127.0.0.1'
  readonly localPort = 6443
  constructor(private readonly onResponse: (ok: boolean) => boolean) {
    super()
  }
  override _read(): void {}
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    const head = chunk.toString('latin1', 0, 12)
    if (head.startsWith('HTTP/1.1 ') && this.onResponse(head === 'HTTP/1.1 200')) setImmediate(() => this.push(request))
    cb()
  }
  override _writev(chunks: Array<{ chunk: Buffer }>, cb: (e?: Error | null) => void): void {
    this._write(Buffer.concat(chunks.map((c) => c.chunk)), 'latin1', cb)
  }
  setNoDelay(): this {
    return this
  }
  setKeepAlive(): this {
    return this
  }
  setTimeout(): this {
    return this
  }
}

interface Row {
  readonly label: string
  readonly listener: RequestListener
}

/** Serves `listener` on `connections` loop sockets; the function it returns runs n requests and resolves with the non-200 count. */
const rig = (listener: RequestListener) => {
  const server = createServer(listener)
  let done = 0
  let target = 0
  let failed = 0
  let finish: (failed: number) => void = () => {}
  const sockets = Array.from({ length: connections }, () => {
    const s = new LoopSocket((ok) => {
      if (!ok) failed++
      done++
      if (done === target) finish(failed)
      return done + connections <= target
    })
    server.emit('connection', s)
    return s
  })
  return (n: number): Promise<number> =>
    new Promise((resolve) => {
      done = 0
      failed = 0
      target = n
      finish = resolve
      for (const s of sockets) s.push(request)
    })
}

const rows: ReadonlyArray<Row> = [
  { label: 'bare node:http', listener: bareHello },
  { label: 'floor: insecure chain decisions by hand, no chain', listener: insecureFloor() },
  { label: 'floor: secure chain decisions by hand, no chain', listener: secureFloor() },
  { label: 'kubechain, 0 steps', listener: toNodeListener(build([])(hello)) },
  { label: 'kubechain, 12 pass-through steps', listener: toNodeListener(build(passThrough(12))(hello)) },
  { label: 'kubechain, insecure chain', listener: toNodeListener(buildInsecureHandlerChain(hello, defaultConfig())) },
  { label: 'kubechain, secure chain', listener: toNodeListener(buildSecureHandlerChain(hello, defaultConfig(), secureParts())) },
]

const results = await interleavedRounds(
  rows.map((r) => ({ label: r.label, run: rig(r.listener) })),
  requestsPerRound,
  rounds,
)
console.log(`${connections} connections, ${rounds} interleaved rounds of ${requestsPerRound} requests per row; fastest round`)
console.log(roundsTable(results, { us: 'µs per request', over: 'over bare node:http' }, 2))
