export { type NodeRequestListener, toNodeListener } from './to-node-listener.js'
export { type Http2StreamListener, toHttp2StreamListener } from './to-http2-stream-listener.js'
export { attachHttp2Listeners } from './attach-http2-listeners.js'
export { type NodeUpgradeListener, toUpgradeListener } from './to-upgrade-listener.js'
export { fromNodeListener } from './from-node-listener.js'
export type { ListenerOptions } from './listener-options.js'
export { defectResponse } from './last-resort.js'
export type { Serving, ServeError } from './serving.js'
export { type KeyPair, type CertificateRequest, newCertificateAuthority, newSignedCertificate } from './make-certificates.js'
export { TlsVersionName, CipherSuiteName } from './tls-names.js'
export {
  SniCertKey,
  SecureServingInfo,
  secureServingDefaults,
  InsecureServingInfo,
  insecureServingDefaults,
} from './secure-serving-info.js'
export { type SelfSignedRequest, maybeDefaultWithSelfSignedCerts } from './self-signed.js'
export { type WebSocketRegistry, newWebSocketRegistry } from './websocket-registry.js'
export { type BindAddress, type RunServerOptions, runServer } from './run-server.js'
export { type ServeSecurelyOptions, serveSecurely } from './serve-securely.js'
export { serveInsecurely } from './serve-insecurely.js'
export { type ChainContext, chainContext } from './chain-context.js'
export { type FetchHandler, type FetchHandlerOptions, toFetchHandler } from './to-fetch-handler.js'
export { type ContextFetch, fromFetchHandler } from './from-fetch-handler.js'
export { type InjectOptions, type InjectResponse, inject } from './inject.js'
