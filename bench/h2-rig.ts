// The in-process HTTP/2 rig: an http2 server (h2c, or TLS with a bench certificate) and frame-level
// client connections (`h2-raw-client.ts`) in the same process over loopback, each keeping one stream in
// flight (as h2load -m 1 does). The client costs little and the same for every row, so a row's µs per
// request is mostly its server's, and differences between rows are what their servers cost.
import { type Http2SecureServer, type Http2Server, createSecureServer, createServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { rawH2Connection } from './h2-raw-client.js'
import type { RunRequests } from './interleaved-rounds.js'
import { benchCertificate } from './servers/bench-certificate.js'

/** Plain-text HTTP/2 (h2c), or HTTP/2 over TLS. */
export type H2Mode = 'h2c' | 'tls'

/** How a row's server is given: handlers to put on a fresh server, or a running server's port. */
export type H2Server = { readonly setUp: (server: Http2Server | Http2SecureServer) => void } | { readonly port: number }

/** A server of `mode` for `setUp`, listening on 127.0.0.1:0; resolves with its port. */
export const listenH2 = (mode: H2Mode, setUp: (server: Http2Server | Http2SecureServer) => void): Promise<number> => {
  const pair = mode === 'tls' ? benchCertificate() : undefined
  const server = pair === undefined ? createServer() : createSecureServer({ cert: pair.certPem, key: pair.keyPem, allowHTTP1: true })
  setUp(server)
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

/** The request every connection sends: a GET of `path` with a bearer token (names and values under 127 bytes). */
export const h2Request = (path: string, token: string): ReadonlyArray<readonly [string, string]> => [
  [':path', path],
  ['user-agent', 'micro'],
  ['authorization', `Bearer ${token}`],
]

/**
 * Opens `connections` frame-level client connections (`h2-raw-client.ts`) to the row's server; the
 * function it returns runs n requests, each connection sending the next when its response ended, and
 * resolves with the non-200 count.
 */
export const h2Rig = async (
  mode: H2Mode,
  server: H2Server,
  request: ReadonlyArray<readonly [string, string]>,
  connections: number,
): Promise<RunRequests> => {
  const port = 'port' in server ? server.port : await listenH2(mode, server.setUp)
  const clients = await Promise.all(Array.from({ length: connections }, () => rawH2Connection(mode === 'tls', port, request)))
  let started = 0
  let done = 0
  let target = 0
  let failed = 0
  let finish: (failed: number) => void = () => {}
  for (const c of clients) {
    c.onDone = (ok) => {
      if (!ok) failed++
      done++
      if (done === target) finish(failed)
      else if (started < target) {
        started++
        c.send()
      }
    }
  }
  return (n) =>
    new Promise((resolve) => {
      started = 0
      done = 0
      failed = 0
      target = n
      finish = resolve
      for (const c of clients.slice(0, Math.min(n, connections))) {
        started++
        c.send()
      }
    })
}
