// Spec support: `serveSecurely` on 127.0.0.1:0 with a fresh CA, and raw TLS / HTTP/2 clients for hostile-client specs.
import { type ClientHttp2Session, connect as connect2 } from 'node:http2'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TLSSocket, connect as tlsConnect } from 'node:tls'
import type * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { type ChainRuntime, insecureChain, standaloneContext, without } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import type { MaxInFlightSeats } from '../../src/filters/with-max-in-flight.js'
import { type Handler, build, defaultDeps, silentLogger } from '../../src/core/index.js'
import { newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { type SecureServingInfo, secureServingDefaults } from '../../src/serve/secure-serving-info.js'
import { type ServeSecurelyOptions, serveSecurely } from '../../src/serve/serve-securely.js'

const ca = newCertificateAuthority('spec-hostile-ca')
const pair = newSignedCertificate(ca, { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' })
const dir = mkdtempSync(join(tmpdir(), 'kubechain-hostile-'))
process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, content: string): string => (writeFileSync(join(dir, name), content), join(dir, name))
const certFile = file('tls.crt', pair.certPem)
const keyFile = file('tls.key', pair.keyPem)

/** A running secure server: its port and how to stop it (resolves once stopped). */
export interface SecureServer {
  readonly port: number
  readonly stop: () => Promise<void>
}

/** Serves `handler` with `serveSecurely` on 127.0.0.1, port 0 (shutdown timeout 1 s, silent unless `opts.log`). */
export const startSecure = async (
  handler: Handler,
  info: Partial<SecureServingInfo> = {},
  opts: ServeSecurelyOptions = {},
): Promise<SecureServer> => {
  const stop = new AbortController()
  const full: SecureServingInfo = { ...secureServingDefaults, bindAddress: '127.0.0.1', bindPort: 0 as t.Int, certFile, keyFile, ...info }
  const result = await serveSecurely(full, handler, 1000, stop.signal, { log: silentLogger, ...opts })()
  if (result._tag === 'Left') throw new Error(result.left.message)
  const serving = result.right
  // the shutdown timeout's timer does not keep the process alive: a ref'd one does, until it is over
  const stopped = async (): Promise<void> => {
    stop.abort()
    const alive = setInterval(() => undefined, 100)
    await serving.stopped.finally(() => clearInterval(alive))
  }
  return { port: serving.address.port, stop: stopped }
}

/** A raw TLS connection speaking `alpn` (`http/1.1` by default), trusting the spec CA. */
export const tlsSocket = (port: number, alpn = 'http/1.1'): Promise<TLSSocket> =>
  new Promise((resolve, reject) => {
    const s = tlsConnect({ host: '127.0.0.1', port, ca: ca.certPem, servername: 'localhost', ALPNProtocols: [alpn] }, () => resolve(s))
    s.once('error', reject)
  })

/** An HTTP/2 client session over TLS, trusting the spec CA. */
export const tlsSession2 = (port: number): ClientHttp2Session =>
  connect2(`https://localhost:${port}`, { ca: ca.certPem, host: '127.0.0.1', servername: 'localhost' })

/** Resolves once `s` closed; what it received by then, as text. */
export const closedWith = (s: TLSSocket): Promise<string> =>
  new Promise((resolve) => {
    let got = ''
    s.on('data', (d: Buffer) => (got += d.toString('latin1')))
    s.on('error', () => undefined)
    if (s.destroyed) resolve(got)
    else s.once('close', () => resolve(got))
  })

/** How many file descriptors this process has open (Linux `/proc/self/fd`). */
export const openFds = (): number => readdirSync('/proc/self/fd').length

/** A secure server running a handler behind a chain whose in-flight seats and wait group can be read. */
export interface CountedServer extends SecureServer {
  readonly runtime: ChainRuntime
  /** The chain's max-in-flight seats (its runtime's seats for its config). */
  readonly seats: MaxInFlightSeats
}

/**
 * Serves `handler` behind the insecure chain (deadline, timeout, wait group, max-in-flight) with `config`,
 * silently. Its superuser step (`authentication`) is left out: a system:masters user is served uncounted.
 */
export const startCounted = async (handler: Handler, config: object): Promise<CountedServer> => {
  const cfg = newConfig(config)
  if (E.isLeft(cfg)) throw new Error(`bad config: ${JSON.stringify(config)}`)
  const ctx = standaloneContext({ ...defaultDeps, log: silentLogger })
  const { runtime } = ctx
  const chain = without('authentication')(insecureChain(ctx, cfg.right))
  if (E.isLeft(chain)) throw new Error('no authentication step')
  return { ...(await startSecure(build(chain.right)(handler))), runtime, seats: runtime.maxInFlightSeats(cfg.right) }
}
