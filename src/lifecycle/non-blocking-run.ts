import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { Serving } from '../serve/serving.js'
import { runPostStartHooks } from './hooks.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'
import type { PreparedServer } from './prepare-run.js'
import { whenAborted } from './when-aborted.js'

/**
 * Upstream `NonBlockingRunWithContext`: starts serving the server's full handler chain (stopping when
 * `stop` aborts, with `shutdownTimeoutMs` for active requests), then starts the post-start hooks
 * (their signal is `stop`) without waiting for them, then notifies systemd (`READY=1`; a failure is
 * logged). `none` when the server has no `serve` function.
 * Port note: the hooks run on their own; their outcome is seen through their `poststarthook/<name>`
 * checks and the log, never through this Task.
 * @example
 * const serving = await nonBlockingRun(prepared, stop, 60_000)()
 */
export const nonBlockingRun =
  (
    prepared: PreparedServer,
    stop: AbortSignal,
    shutdownTimeoutMs: number = prepared.server.config.shutdownTimeout,
  ): TE.TaskEither<LifecycleError, O.Option<Serving>> =>
  async () => {
    const server = prepared.server
    const internal = new AbortController()
    let serving: O.Option<Serving> = O.none
    if (server.serve !== undefined) {
      const r = await server.serve(server.handler.fullHandlerChain, internal.signal, shutdownTimeoutMs)()
      if (E.isLeft(r)) {
        internal.abort()
        return E.left(lifecycleError('ServeFailed', r.left.message))
      }
      serving = O.some(r.right)
    }
    void whenAborted(stop).then(() => internal.abort())
    server.state.postStartHooksCalled = true
    void runPostStartHooks(server.postStartHooks, { signal: stop }, server.deps.log)
    const notified = await server.notifyReady().catch((e: unknown) => E.left(String(e)))
    if (E.isLeft(notified))
      server.deps.log({ level: 'error', msg: `Unable to send systemd daemon successful start message: ${notified.left}` })
    return E.right(serving)
  }
