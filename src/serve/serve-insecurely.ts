import { createServer } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { type Clock, type Handler, type Logger, stderrLogger } from '../core/index.js'
import { hostPort, runServer } from './run-server.js'
import type { InsecureServingInfo } from './secure-serving-info.js'
import { maxHeaderBytes } from './serve-securely.js'
import type { ServeError, Serving } from './serving.js'
import { toNodeListener } from './to-node-listener.js'
import { toUpgradeListener } from './to-upgrade-listener.js'
import { newWebSocketRegistry } from './websocket-registry.js'

/**
 * Plain HTTP/1.1 serving (upstream's removed insecure port, kept for loopback use): the same Handler for
 * requests and websocket upgrades, 1 MiB of headers (431 beyond), and `runServer`'s graceful close.
 * @example
 * const serving = await serveInsecurely({ bindAddress: '127.0.0.1', bindPort: 8080 as t.Int }, inner, 60_000, stop)()
 */
export const serveInsecurely =
  (
    info: InsecureServingInfo,
    handler: Handler,
    shutdownTimeout: number,
    stop: AbortSignal,
    opts: { readonly clock?: Clock; readonly log?: Logger } = {},
  ): TE.TaskEither<ServeError, Serving> =>
  async () => {
    const log = opts.log ?? stderrLogger
    const websockets = newWebSocketRegistry()
    const server = createServer({ maxHeaderSize: maxHeaderBytes, keepAliveTimeout: 90_000 }, toNodeListener(handler, { log }))
    server.on('upgrade', toUpgradeListener(handler, { log, onWebSocket: websockets.add }))
    const result = await runServer(server, { host: info.bindAddress, port: info.bindPort }, shutdownTimeout, stop, {
      ...opts,
      log,
      websockets,
      secure: false,
    })()
    if (E.isRight(result)) log({ level: 'info', msg: `Serving insecurely on ${hostPort(result.right.address)}` })
    return result
  }
