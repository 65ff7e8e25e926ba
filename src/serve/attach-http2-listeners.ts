import type { Http2SecureServer, Http2Server } from 'node:http2'
import type { Http2StreamListener } from './to-http2-stream-listener.js'
import type { NodeRequestListener } from './to-node-listener.js'

/**
 * Serves an http2 server's HTTP/2 requests from its `'stream'` event with `onStream`, and, when given,
 * its HTTP/1.1 requests (`allowHTTP1`) from `'request'` with `onRequest`. Node installs its
 * compatibility layer on `'stream'` as soon as a `'request'` listener is added (and would then answer
 * every HTTP/2 request twice: once through it, once through `onStream`); whatever `'stream'` listener
 * adding `onRequest` brought along is taken off again, so HTTP/2 requests make no compatibility
 * objects. Throws on a server that already has a `'request'` listener (its compatibility layer is in
 * place, and cannot be told from the server's other `'stream'` listeners).
 *
 * @example
 * import { createSecureServer } from 'node:http2'
 * import { constant, text } from 'kubechain/core'
 * import { attachHttp2Listeners, toHttp2StreamListener, toNodeListener } from 'kubechain/serve'
 *
 * const hello = constant(text(200, 'hello'))
 * const server = createSecureServer({ key: process.env['TLS_KEY'] ?? '', cert: process.env['TLS_CERT'] ?? '', allowHTTP1: true })
 * attachHttp2Listeners(server, toHttp2StreamListener(hello), toNodeListener(hello))
 */
export const attachHttp2Listeners = (
  server: Http2SecureServer | Http2Server,
  onStream: Http2StreamListener,
  onRequest?: NodeRequestListener,
): void => {
  if (onRequest !== undefined) {
    if (server.listenerCount('request') > 0) throw new TypeError('attachHttp2Listeners: the server already has a request listener')
    const before = server.listeners('stream')
    server.on('request', onRequest)
    for (const l of server.listeners('stream')) if (!before.includes(l)) server.off('stream', l as (...args: unknown[]) => void)
  }
  server.on('stream', onStream)
}
