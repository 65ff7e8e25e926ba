/** Why a lifecycle operation was refused or failed; `message` is upstream's text. */
export interface LifecycleError {
  readonly _tag:
    | 'InvalidHook'
    | 'DuplicateHook'
    | 'HooksAlreadyRun'
    | 'HealthInstalled'
    | 'DuplicateSignal'
    | 'MuxRefused'
    | 'AuditRunFailed'
    | 'ServeFailed'
    | 'PreShutdownHookFailed'
  readonly message: string
}

/** Makes a lifecycle error. */
export const lifecycleError = (tag: LifecycleError['_tag'], message: string): LifecycleError => ({ _tag: tag, message })
