import { type Http2SecureServer, createSecureServer } from 'node:http2'
import { createServer as createHttpsServer } from 'node:https'
import type { Server as NetServer } from 'node:net'
import type { SecureContext, TLSSocket } from 'node:tls'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { type Clock, type Handler, type Logger, stderrLogger, systemClock } from '../core/index.js'
import { type WatchFile, dynamicTls } from './dynamic-tls.js'
import { hostPort, runServer } from './run-server.js'
import type { SecureServingInfo } from './secure-serving-info.js'
import { type SelfSignedRequest, maybeDefaultWithSelfSignedCerts } from './self-signed.js'
import type { ServeError, Serving } from './serving.js'
import { attachHttp2Listeners } from './attach-http2-listeners.js'
import { toHttp2StreamListener } from './to-http2-stream-listener.js'
import { toNodeListener } from './to-node-listener.js'
import { toUpgradeListener } from './to-upgrade-listener.js'
import { nodeTlsVersion, openSslCiphers } from './tls-names.js'
import { type TlsSettings, type TlsSources, loadTlsMaterial } from './tls-material.js'
import { newWebSocketRegistry } from './websocket-registry.js'
import { guardHttp2Sessions } from './http2-session-guard.js'
import { type ServingTimeouts, servingTimeoutDefaults } from './serving-timeouts.js'
import type { TlsMetrics } from '../metrics/tls-metrics.js'

/** Effects and extras of `serveSecurely`. */
export interface ServeSecurelyOptions {
  readonly clock?: Clock
  readonly log?: Logger
  /** For self-signed defaults (no cert files): the names to certify; `publicAddress` defaults to the bind address. */
  readonly selfSigned?: Partial<SelfSignedRequest>
  /** File watching for certificate reload (`fs.watch` by default). */
  readonly watch?: WatchFile
  /** Connection timeouts; upstream's by default (`servingTimeoutDefaults`). */
  readonly timeouts?: Partial<ServingTimeouts>
  /** Counts failed TLS handshakes (`apiserver_tls_handshake_errors_total`); none counted without it. */
  readonly tlsMetrics?: TlsMetrics
}

/** Upstream `MaxHeaderBytes`: 1 MiB of request headers, 431 beyond. */
export const maxHeaderBytes = 1 << 20
const KIB256 = 256 * 1024

/**
 * Upstream `SecureServingInfo.Serve`: one TLS server for HTTP/2 and HTTP/1.1 (ALPN `h2`, `http/1.1`;
 * HTTP/2 served from the `'stream'` event by `toHttp2StreamListener`, HTTP/1.1 by `toNodeListener`),
 * TLS 1.2+ (or `minTLSVersion`), configured cipher suites, SNI certificates, client certificates
 * requested but not verified (the x509 authenticator does that, from `req.raw.socket.getPeerCertificate`),
 * certificates reloaded when their files change, upstream's header and HTTP/2 limits, websockets through
 * the same Handler, and `runServer`'s graceful close. Fails only on bad TLS material or the first listen.
 * Port notes: HTTP/2 advertises and enforces Go's header list limit (1 MiB + 320 bytes), but node refuses
 * a longer list by resetting the stream or session instead of answering 431; clients without SNI get the default certificate
 * (Go's lookup of the local IP in the SNI map has no node hook).
 * @example
 * const serving = await serveSecurely({ ...secureServingDefaults, bindAddress: '127.0.0.1', bindPort: 6443 as t.Int }, inner, 60_000, stop)()
 */
export const serveSecurely =
  (
    info: SecureServingInfo,
    handler: Handler,
    shutdownTimeout: number,
    stop: AbortSignal,
    opts: ServeSecurelyOptions = {},
  ): TE.TaskEither<ServeError, Serving> =>
  async () => {
    const log = opts.log ?? stderrLogger
    const clock = opts.clock ?? systemClock
    const suites = openSslCiphers(info.cipherSuites)
    const settings: TlsSettings = { minVersion: nodeTlsVersion(info.minTLSVersion), ciphers: suites.ciphers }
    const req = { publicAddress: info.bindAddress, alternateDNS: [], alternateIPs: [], ...opts.selfSigned }
    const serving = maybeDefaultWithSelfSignedCerts(info, req, { clock, log })()
    if (E.isLeft(serving)) return E.left(badTls(serving.left))
    const sources: TlsSources = {
      serving: serving.right,
      sni: info.sniCertKeys,
      clientCAFile: info.clientCAFile,
      requestHeaderCAFile: info.requestHeaderClientCAFile,
    }
    const material = loadTlsMaterial(sources, settings)
    if (E.isLeft(material)) return E.left(badTls(material.left))
    for (const name of suites.insecure) log({ level: 'warn', msg: `Use of insecure cipher '${name}' detected.` })
    let server: (NetServer & { setSecureContext: (o: object) => void }) | undefined
    const tls = dynamicTls(sources, settings, material.right, (m) => server?.setSecureContext(m.defaultOptions), {
      clock,
      log,
      ...(opts.watch ? { watch: opts.watch } : {}),
    })
    const timeouts = { ...servingTimeoutDefaults, ...opts.timeouts }
    server = secureServer(info, settings, material.right.defaultOptions, tls.sniCallback, timeouts, log)
    if (!info.disableHTTP2) guardHttp2Sessions(server, timeouts, clock)
    const websockets = newWebSocketRegistry()
    if (info.disableHTTP2) server.on('request', toNodeListener(handler, { log }))
    else attachHttp2Listeners(server as Http2SecureServer, toHttp2StreamListener(handler, { log }), toNodeListener(handler, { log }))
    server.on('upgrade', toUpgradeListener(handler, { log, onWebSocket: websockets.add }))
    server.on('tlsClientError', handshakeErrors(log, opts.tlsMetrics))
    const bind = { host: info.bindAddress, port: info.bindPort }
    const result = await runServer(server, bind, shutdownTimeout, stop, { clock, log, websockets, secure: true })()
    if (E.isLeft(result)) return (tls.stop(), result)
    log({ level: 'info', msg: `Serving securely on ${hostPort(result.right.address)}` })
    void result.right.listenerStopped.then(tls.stop)
    return result
  }

/**
 * Upstream's handling of `http: TLS handshake error from <addr>: <error>`: a debug line, and a count in
 * `metrics`. A client that spoke plain HTTP is not a handshake error there (Go answers it with a 400), so
 * it is not counted here either.
 */
const handshakeErrors =
  (log: Logger, metrics: TlsMetrics | undefined) =>
  (e: Error & { code?: string }, s: TLSSocket): void => {
    log({ level: 'debug', v: 5, msg: `http: TLS handshake error from ${s.remoteAddress}:${s.remotePort}: ${e.message}` })
    if (metrics !== undefined && e.code !== plainHttpRequest) metrics.handshakeError()
  }

/** OpenSSL's error for a first record that reads as an HTTP request. */
const plainHttpRequest = 'ERR_SSL_HTTP_REQUEST'

type SniCallback = (name: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void

const secureServer = (info: SecureServingInfo, s: TlsSettings, base: object, SNICallback: SniCallback, t: ServingTimeouts, log: Logger) => {
  const tlsOptions = {
    ...base,
    ...(s.ciphers === '' ? {} : { ciphers: s.ciphers }),
    minVersion: s.minVersion,
    SNICallback,
    requestCert: info.clientCAFile !== '' || info.requestHeaderClientCAFile !== '',
    rejectUnauthorized: false,
    handshakeTimeout: t.readHeaderMs,
    allowHalfOpen: true,
  }
  const http1 = http1Limits(t)
  if (info.disableHTTP2) {
    log({ level: 'info', msg: 'Forcing use of http/1.1 only' })
    return Object.assign(createHttpsServer({ ...tlsOptions, ALPNProtocols: ['http/1.1'] }), http1)
  }
  const streams = info.http2MaxStreamsPerConnection > 0 ? info.http2MaxStreamsPerConnection : 100
  const server = createSecureServer({
    ...tlsOptions,
    allowHTTP1: true,
    maxHeaderListPairs: maxHeaderPairs,
    settings: { maxConcurrentStreams: streams, maxFrameSize: KIB256, initialWindowSize: KIB256, maxHeaderListSize: maxHeaderBytes + 320 },
  })
  // node's HTTP/1.1 fallback reads its parser limits and timeouts from the server object
  return Object.assign(server, http1)
}

/**
 * Go's limits for HTTP/1.1: 1 MiB of headers, however many (node would drop those past its
 * `maxHeadersCount`, 2000 by default, silently), a Host header on HTTP/1.1 (400 without), request headers
 * within `readHeaderMs`, idle keep-alive connections closed after `idleMs`. Node checks the header
 * timeout every `connectionsCheckingInterval`, so that is a second. A client that half-closes after its
 * request still gets the whole response, then the connection ends, as in Go (node would end the socket
 * at the client's FIN and cut a response still being written).
 */
const http1Limits = (t: ServingTimeouts) => ({
  maxHeaderSize: maxHeaderBytes,
  maxHeadersCount: 0,
  httpAllowHalfOpen: true,
  requireHostHeader: true,
  headersTimeout: t.readHeaderMs,
  keepAliveTimeout: t.idleMs,
  connectionsCheckingInterval: 1000,
})

/**
 * HTTP/2 header fields per request: as many as fit in the 1 MiB header list (each field counts at least
 * 32 bytes there), so the byte limit alone decides, as in Go. Node's default is 128.
 */
const maxHeaderPairs = (maxHeaderBytes + 320) >> 5

const badTls = (message: string): ServeError => ({ _tag: 'BadTlsMaterial', message })
