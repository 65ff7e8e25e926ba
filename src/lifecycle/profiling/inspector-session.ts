import { Session } from 'node:inspector/promises'
import * as E from 'fp-ts/lib/Either.js'

/** One connection to V8's inspector in this process; `post` never rejects, a refusal is its message. */
export interface InspectorSession {
  readonly post: (method: string, params?: object) => Promise<E.Either<string, unknown>>
  /** Ends the session; V8 stops whatever profiler the session left running. */
  readonly disconnect: () => void
}

/** Opens a session, or says why the inspector is not available. */
export type OpenInspector = () => E.Either<string, InspectorSession>

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Opens a `node:inspector` session in this process (the Profiler and HeapProfiler domains, as Chrome
 * DevTools drives them). One session per recording, so a recording's end is its session's end.
 */
export const openInspector: OpenInspector = () =>
  E.tryCatch(() => {
    const session = new Session()
    session.connect()
    const post = (method: string, params?: object): Promise<E.Either<string, unknown>> =>
      (session.post(method, params) as Promise<unknown>).then(
        (r) => E.right(r),
        (e: unknown) => E.left(messageOf(e)),
      )
    return { post, disconnect: () => session.disconnect() }
  }, messageOf)
