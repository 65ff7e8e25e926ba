// Spec support for the lifecycle: a fake ServeFn and helpers to build servers in memory.
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import * as assert from 'uvu/assert'
import type { Handler } from '../../src/core/index.js'
import { type GenericServer, type GenericServerOptions, newGenericServer } from '../../src/lifecycle/generic-server.js'
import type { LifecycleError } from '../../src/lifecycle/lifecycle-error.js'
import type { ServeFn } from '../../src/lifecycle/serve-fn.js'
import type { ServeError } from '../../src/serve/serving.js'

/** A ServeFn that "listens" at once; `listenerStopped` resolves when its stop aborts, `stopped` when `finish()` is called. */
export interface FakeServe {
  readonly serve: ServeFn
  /** The handler it was given, once serving started. */
  handler: Handler | undefined
  timeoutMs: number | undefined
  readonly finish: () => void
}

export const fakeServe = (events: string[], fail?: ServeError): FakeServe => {
  let finish: () => void = () => undefined
  const stopped = new Promise<void>((r) => (finish = r))
  const fake: FakeServe = {
    handler: undefined,
    timeoutMs: undefined,
    finish: () => finish(),
    serve: (handler, stop, timeoutMs) => {
      if (fail !== undefined) return TE.left(fail)
      fake.handler = handler
      fake.timeoutMs = timeoutMs
      const listenerStopped = new Promise<void>((resolve) =>
        stop.addEventListener('abort', () => {
          events.push('listener closed')
          resolve()
        }),
      )
      return TE.right({ address: { host: '127.0.0.1', port: 6443 }, listenerStopped, stopped })
    },
  }
  return fake
}

/** Unwraps a Right or fails the spec with the Left. */
export const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) assert.unreachable(JSON.stringify(e.left))
  return (e as E.Right<A>).right
}

/** Unwraps a Left's message or fails the spec. */
export const leftMessage = <A>(e: E.Either<LifecycleError, A>): string => {
  if (E.isRight(e)) assert.unreachable('expected a Left')
  return (e as E.Left<LifecycleError>).left.message
}

/** A server made with `notifyReady` switched off (no child processes in specs). */
export const server = (opts: GenericServerOptions): GenericServer =>
  right(newGenericServer({ notifyReady: () => Promise.resolve(E.right(undefined)), ...opts }))

/** Lets pending promise callbacks run (several turns of the microtask queue and one macrotask). */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r))
