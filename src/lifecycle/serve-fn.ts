import type * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { Handler } from '../core/handler.js'
import type { ServeError, Serving } from '../serve/serving.js'

/**
 * Starts serving `handler` until `stop` aborts; then serving closes the listener and waits up to
 * `shutdownTimeoutMs` for active requests (upstream `SecureServingInfo.Serve`). Fails only when it
 * cannot start. A function that ignores the timeout is a ServeFn too.
 * @example
 * const serve: ServeFn = (handler, stop, timeout) => serveSecurely(servingInfo, handler, timeout, stop)
 */
export type ServeFn = (handler: Handler, stop: AbortSignal, shutdownTimeoutMs: number) => TE.TaskEither<ServeError, Serving>

/** Tells a supervisor the server is ready (systemd `READY=1`); `left` is logged, never fatal. */
export type NotifyReadyFn = () => Promise<E.Either<string, void>>
