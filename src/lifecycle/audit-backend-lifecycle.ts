import type * as E from 'fp-ts/lib/Either.js'

/** The part of an audit backend the lifecycle drives: started before serving, shut down (flushed) after the drain. */
export interface AuditBackendLifecycle {
  /** Called before serving starts with a promise resolved at InFlightRequestsDrained; `left` aborts the run. */
  readonly run?: (drained: Promise<void>) => E.Either<string, void>
  readonly shutdown: () => Promise<void>
}
