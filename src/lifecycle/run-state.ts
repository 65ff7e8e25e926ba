/**
 * What a server learns while it runs, shared by every value derived from one `newGenericServer` call:
 * registration after hooks ran, or after a health endpoint was installed, is refused by reading it.
 */
export interface RunState {
  postStartHooksCalled: boolean
  preShutdownHooksCalled: boolean
  /** Health paths (`/healthz`, `/livez`, `/readyz`) already installed. */
  readonly healthInstalled: Set<string>
}

/** A fresh run state: nothing ran, nothing installed. */
export const newRunState = (): RunState => ({ postStartHooksCalled: false, preShutdownHooksCalled: false, healthInstalled: new Set() })
