import * as E from 'fp-ts/lib/Either.js'
import { addBootSequenceHealthChecks } from './add-health-checks.js'
import type { GenericServer } from './generic-server.js'
import { postStartHookCheck } from './health/latch-checks.js'
import type { PostStartHook, PreShutdownHook } from './hooks.js'
import { newLatch } from '../sync/latch.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'

const quote = (s: string): string => JSON.stringify(s)

/** Where a registration came from, for the duplicate message (upstream prints the registering stack). */
const origin = (): string => (new Error().stack ?? '').split('\n').slice(3).join('\n')

/**
 * Registers a post-start hook and its boot-sequence check `poststarthook/<name>` (upstream
 * `AddPostStartHook`). Refused, with upstream's message: empty name, missing hook, hooks already run,
 * duplicate name (also one copied from the delegate), health endpoints installed. A name listed in
 * `disabledPostStartHooks` is skipped: `right(server)` unchanged.
 * @example
 * const next = addPostStartHook(server, 'start-informers', ({ signal }) => TE.fromIO(() => signal.addEventListener('abort', () => console.log('informers stopped'))))
 */
export const addPostStartHook = (
  server: GenericServer,
  name: string,
  hook: PostStartHook | undefined,
): E.Either<LifecycleError, GenericServer> => {
  if (name === '') return E.left(lifecycleError('InvalidHook', 'missing name'))
  if (hook === undefined) return E.left(lifecycleError('InvalidHook', `hook func may not be nil: ${quote(name)}`))
  if (server.config.disabledPostStartHooks.includes(name)) return E.right(server)
  if (server.state.postStartHooksCalled) {
    return E.left(lifecycleError('HooksAlreadyRun', `unable to add ${quote(name)} because PostStartHooks have already been called`))
  }
  const existing = server.postStartHooks.find((h) => h.name === name)
  if (existing !== undefined) {
    return E.left(lifecycleError('DuplicateHook', `unable to add ${quote(name)} because it was already registered by: ${existing.origin}`))
  }
  const done = newLatch(`poststarthook/${name}`)
  return E.map((s: GenericServer) => ({ ...s, postStartHooks: [...s.postStartHooks, { name, hook, done, origin: origin() }] }))(
    addBootSequenceHealthChecks(server, [postStartHookCheck(name, done)]),
  )
}

/**
 * Registers a pre-shutdown hook (upstream `AddPreShutdownHook`). Refused: empty name, hooks already
 * run, duplicate name. A missing hook is ignored: `right(server)` unchanged.
 * @example
 * const next = addPreShutdownHook(server, 'leave-endpoints', TE.fromIO(() => console.log('left the endpoints')))
 */
export const addPreShutdownHook = (
  server: GenericServer,
  name: string,
  hook: PreShutdownHook | undefined,
): E.Either<LifecycleError, GenericServer> => {
  if (name === '') return E.left(lifecycleError('InvalidHook', 'missing name'))
  if (hook === undefined) return E.right(server)
  if (server.state.preShutdownHooksCalled) {
    return E.left(lifecycleError('HooksAlreadyRun', `unable to add ${quote(name)} because PreShutdownHooks have already been called`))
  }
  if (server.preShutdownHooks.some((h) => h.name === name)) {
    return E.left(lifecycleError('DuplicateHook', `unable to add ${quote(name)} because it is already registered`))
  }
  return E.right({ ...server, preShutdownHooks: [...server.preShutdownHooks, { name, hook }] })
}
