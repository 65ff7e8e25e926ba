import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { Logger } from '../core/logger.js'
import type { Latch } from '../sync/latch.js'

/** What a post-start hook gets: a signal aborted when the HTTP server begins to stop. */
export interface PostStartHookContext {
  readonly signal: AbortSignal
}

/** Runs once after the server started listening (upstream `PostStartHookFunc`); `left` is a failure. */
export type PostStartHook = (ctx: PostStartHookContext) => TE.TaskEither<string, void>

/** Runs once at shutdown, before new requests are refused (upstream `PreShutdownHookFunc`). */
export type PreShutdownHook = TE.TaskEither<string, void>

/** A registered post-start hook; `done` fires when it succeeded and turns `poststarthook/<name>` green. */
export interface PostStartHookEntry {
  readonly name: string
  readonly hook: PostStartHook
  readonly done: Latch
  /** Where it was registered (a stack), for the duplicate-registration message. */
  readonly origin: string
}

/** A registered pre-shutdown hook. */
export interface PreShutdownHookEntry {
  readonly name: string
  readonly hook: PreShutdownHook
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Runs a TaskEither thunk; a throw or rejection (a defect) becomes `left` with its message. */
const attempt = async (run: () => TE.TaskEither<string, void>): Promise<E.Either<string, void>> => {
  try {
    return await run()()
  } catch (e) {
    return E.left(message(e))
  }
}

/**
 * Starts every post-start hook at once (upstream `RunPostStartHooks`); resolves when all returned. A
 * success fires the hook's `done`; a failure is logged as `PostStartHook "<name>" failed: <err>` and
 * its health check stays red.
 * Port note: upstream exits the process (klog.Fatalf) on a failing hook; a library does not. The
 * failure is observable as a red `poststarthook/<name>` check on /healthz and /readyz, and on /livez
 * once the livez grace period passed, so a kubelet or supervisor restarts the process as upstream would.
 * @example
 * await runPostStartHooks(server.postStartHooks, { signal: stop }, deps.log)
 */
export const runPostStartHooks = async (
  hooks: ReadonlyArray<PostStartHookEntry>,
  ctx: PostStartHookContext,
  log: Logger,
): Promise<void> => {
  await Promise.all(
    hooks.map(async (entry) => {
      const r = await attempt(() => entry.hook(ctx))
      if (E.isRight(r)) return entry.done.fire()
      log({ level: 'error', msg: `PostStartHook ${JSON.stringify(entry.name)} failed: ${r.left}`, fields: { hook: entry.name } })
    }),
  )
}

/**
 * Runs the pre-shutdown hooks one after another in registration order (upstream `RunPreShutdownHooks`);
 * every hook runs even if one failed. Failures read `PreShutdownHook "<name>" failed: <err>`, aggregated
 * as upstream (`[e1, e2]` when several).
 * @example
 * const r = await runPreShutdownHooks(server.preShutdownHooks)
 */
export const runPreShutdownHooks = async (hooks: ReadonlyArray<PreShutdownHookEntry>): Promise<E.Either<string, void>> => {
  const errors: string[] = []
  for (const entry of hooks) {
    const r = await attempt(() => entry.hook)
    if (E.isLeft(r)) errors.push(`PreShutdownHook ${JSON.stringify(entry.name)} failed: ${r.left}`)
  }
  if (errors.length === 0) return E.right(undefined)
  return E.left(errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`)
}
