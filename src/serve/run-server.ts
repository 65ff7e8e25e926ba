import type { Server as NetServer } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { type Clock, type Logger, stderrLogger, systemClock } from '../core/index.js'
import { answerClientErrors } from './client-errors.js'
import { trackConnections } from './connection-tracker.js'
import type { ServeError, Serving } from './serving.js'
import type { WebSocketRegistry } from './websocket-registry.js'

/** Where to listen. */
export interface BindAddress {
  readonly host: string
  readonly port: number
}

/** Effects and extras of `runServer`. */
export interface RunServerOptions {
  readonly clock?: Clock
  readonly log?: Logger
  /** Websockets accepted through the server's upgrade listener; closed with 1001 at the end of shutdown. */
  readonly websockets?: WebSocketRegistry
  /** Whether connections are TLS (`'secureConnection'`); default: the server has a `setSecureContext`. */
  readonly secure?: boolean
}

/**
 * Upstream `RunServer`: listens on `bind` and returns at once; fails only when the first listen fails.
 * When `stop` aborts: stops accepting (`listenerStopped`), closes idle keep-alive connections, asks
 * in-flight HTTP/1.1 responses to `Connection: close` and HTTP/2 sessions to GOAWAY, waits for them,
 * cuts what is left after `shutdownTimeout` ms, then resolves `stopped` and closes websockets with 1001.
 * Upgraded connections never delay `stopped`. An HTTP/1 request node cannot parse gets node's answer
 * (431, 408 or 400) and a lingering close (`answerClientErrors`), so the client reads it.
 * Port note: takes the bind address (node listens itself) instead of a Go listener; a listener error
 * after start is logged and ends `listenerStopped` instead of crashing the process.
 * @example
 * import { createServer } from 'node:http'
 * const serving = await runServer(createServer(toNodeListener(inner)), { host: '127.0.0.1', port: 0 }, 60_000, stop)()
 */
export const runServer =
  (
    server: NetServer,
    bind: BindAddress,
    shutdownTimeout: number,
    stop: AbortSignal,
    opts: RunServerOptions = {},
  ): TE.TaskEither<ServeError, Serving> =>
  () =>
    new Promise((resolve) => {
      if (bind.host === '')
        return resolve(E.left({ _tag: 'BadAddress', message: `invalid listen address: "${hostPort(bind)}": empty host` }))
      const tracker = trackConnections(server, opts.secure ?? 'setSecureContext' in server)
      answerClientErrors(server)
      const failed = (e: NodeJS.ErrnoException): void =>
        resolve(E.left({ _tag: 'ListenFailed', message: `failed to listen on ${hostPort(bind)}: ${reasonOf(e)}` }))
      server.once('error', failed)
      server.listen(bind.port, bind.host, () => {
        server.off('error', failed)
        const port = (server.address() as { port: number }).port
        resolve(E.right(serving(server, { host: bind.host, port }, shutdownTimeout, stop, { ...opts, tracker })))
      })
    })

const serving = (
  server: NetServer,
  address: BindAddress,
  timeout: number,
  stop: AbortSignal,
  opts: RunServerOptions & { tracker: ReturnType<typeof trackConnections> },
): Serving => {
  const log = opts.log ?? stderrLogger
  const clock = opts.clock ?? systemClock
  let listenerDone = (): void => undefined
  const listenerStopped = new Promise<void>((r) => (listenerDone = r))
  server.on('error', (e) => log({ level: 'error', msg: `Stopped listening on ${hostPort(address)} due to error`, error: e }))
  const stopped = new Promise<void>((resolveStopped) => {
    const shutdown = (): void => {
      server.close()
      log({ level: 'info', msg: `Stopped listening on ${hostPort(address)}` })
      listenerDone()
      let finished = false
      let cancel = (): void => undefined
      const finish = (): void => {
        if (finished) return
        finished = true
        cancel()
        resolveStopped()
        opts.websockets?.closeAll(1001, 'server shutting down')
      }
      cancel = clock.setTimer(() => {
        log({ level: 'error', msg: 'Failed to shutdown server', error: new Error('context deadline exceeded') })
        opts.tracker.destroyAll()
        finish()
      }, timeout)
      opts.tracker.drain(finish)
    }
    if (stop.aborted) return shutdown()
    stop.addEventListener('abort', shutdown, { once: true })
  })
  return { address, stopped, listenerStopped }
}

/** Go's `net.JoinHostPort`. */
export const hostPort = (a: BindAddress): string => (a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`)

const reasons: Readonly<Record<string, string>> = {
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EACCES: 'permission denied',
  ENOTFOUND: 'no such host',
}

const reasonOf = (e: NodeJS.ErrnoException): string => reasons[e.code ?? ''] ?? e.message
