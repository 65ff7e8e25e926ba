// What the kubechain TLS rows share: serveSecurely (HTTP/2 + HTTP/1.1 by ALPN, upstream's limits) on
// 127.0.0.1:0 with a bench certificate, around a given Handler; prints the port.
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { type Handler, silentLogger } from '../../src/core/index.js'
import { secureServingDefaults, serveSecurely } from '../../src/serve/index.js'
import { benchCertificate } from './bench-certificate.js'

/** Serves `handler` securely until the process is stopped. */
export const serveSecurelyHello = async (handler: Handler): Promise<void> => {
  const pair = benchCertificate()
  const info = { ...secureServingDefaults, bindAddress: '127.0.0.1', bindPort: 0 as t.Int, certFile: pair.certFile, keyFile: pair.keyFile }
  const serving = await serveSecurely(info, handler, 5_000, new AbortController().signal, { log: silentLogger })()
  if (E.isLeft(serving)) throw new Error(`serveSecurely failed: ${serving.left.message}`)
  process.stdout.write(`${serving.right.address.port}\n`)
}
