// Micro bench: what x509 client-certificate authentication costs per request on a kept-alive mTLS
// connection. Client and server run in this process over real TLS on loopback (10 keep-alive connections,
// each presenting a client certificate); rows interleaved, fastest of 7 rounds of 5,000 requests. Rows:
// the hello handler alone, and behind `x509Authenticator` (which reads, verifies and maps the chain).
// Run alone with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/client-certificates.js
import { Agent, type RequestOptions, createServer, get } from 'node:https'
import type { AddressInfo } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { caBundleFromPem, x509Authenticator } from '../../src/auth/index.js'
import { type Handler, defaultDeps, text } from '../../src/core/index.js'
import { newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { toNodeListener } from '../../src/serve/index.js'
import { interleavedRounds, roundsTable } from '../interleaved-rounds.js'
import { hello } from '../servers/hello-server.js'

const connections = 10
const requestsPerRound = 5_000
const rounds = 7

const clientCa = newCertificateAuthority('bench-client-ca')
const serverCa = newCertificateAuthority('bench-server-ca')
const serving = newSignedCertificate(serverCa, { commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], usage: 'server' })
const client = newSignedCertificate(clientCa, { commonName: 'alice', organizations: ['devs'], usage: 'client' })
const bundle = caBundleFromPem(clientCa.certPem)
if (E.isLeft(bundle)) throw new Error(bundle.left)
const caBundle = bundle.right
const authenticate = x509Authenticator(() => caBundle, defaultDeps.clock)
const unauthorized = text(401, 'Unauthorized')

const authenticated: Handler = (req) => {
  const r = authenticate(req)
  return E.isRight(r) && O.isSome(r.right) ? hello(req) : unauthorized
}

interface Rig {
  /** Runs n requests; resolves with the non-200 count. */
  readonly run: (n: number) => Promise<number>
  readonly close: () => void
}

/** Serves `handler` over mTLS to a keep-alive agent presenting the client certificate. */
const rig = async (handler: Handler): Promise<Rig> => {
  const tls = { cert: serving.certPem, key: serving.keyPem, requestCert: true, rejectUnauthorized: false, ca: [clientCa.certPem] }
  const server = createServer(tls, toNodeListener(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const agent = new Agent({ keepAlive: true, maxSockets: connections, cert: client.certPem, key: client.keyPem, ca: serverCa.certPem })
  const options: RequestOptions = { host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/', agent }
  const one = (): Promise<boolean> =>
    new Promise((resolve, reject) => {
      get(options, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode === 200))
      }).on('error', reject)
    })
  const run = async (n: number): Promise<number> => {
    let started = 0
    let failed = 0
    const worker = async (): Promise<void> => {
      while (started++ < n) if (!(await one())) failed++
    }
    await Promise.all(Array.from({ length: connections }, worker))
    return failed
  }
  const close = (): void => {
    agent.destroy()
    server.close()
  }
  return { run, close }
}

const rows = [
  { label: 'hello, no authentication', rig: await rig(hello) },
  { label: 'hello behind x509Authenticator', rig: await rig(authenticated) },
]
// the warm-up run of each row also makes its connections' handshakes
const results = await interleavedRounds(
  rows.map((r) => ({ label: r.label, run: r.rig.run })),
  requestsPerRound,
  rounds,
)
for (const r of rows) r.rig.close()

console.log(
  `${connections} kept-alive mTLS connections, ${rounds} interleaved rounds of ${requestsPerRound} requests per row; fastest round`,
)
console.log(roundsTable(results, { us: 'µs per request (client and server)', over: 'over no authentication' }, 1))
