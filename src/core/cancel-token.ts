/**
 * A light cancellation token: a flag and a list of callbacks. A real `AbortSignal` is built only when
 * someone asks for one: an `AbortController` per request is too costly to make for requests that never read it.
 */
export interface CancelToken {
  /** True once cancelled (by its own source or by a parent). */
  readonly cancelled: boolean
  /** Why it was cancelled, `undefined` while it is not. */
  readonly reason: unknown
  /** Calls `cb` once on cancellation (at once if already cancelled); returns an unsubscribe function. */
  onCancel(cb: (reason: unknown) => void): () => void
  /** An AbortSignal that aborts with the token; made on first read. */
  readonly signal: AbortSignal
}

/** The owner's side of a token: only the source can cancel. */
export interface CancelSource {
  readonly token: CancelToken
  /** Cancels the token and every child; later calls do nothing. */
  cancel(reason: unknown): void
}

type Listener = (reason: unknown) => void

class Cancellation implements CancelToken, CancelSource {
  private state = 0 // 0 live, 1 cancelled
  private why: unknown = undefined
  private listeners: Listener[] | undefined = undefined
  private abortSignal: AbortSignal | undefined = undefined
  private armed = false

  constructor(
    private readonly parent: CancelToken | undefined,
    private readonly arm: ((cancel: (reason: unknown) => void) => void) | undefined,
  ) {}

  get token(): CancelToken {
    return this
  }

  get cancelled(): boolean {
    if (this.state === 0 && this.parent !== undefined && this.parent.cancelled) this.cancel(this.parent.reason)
    return this.state === 1
  }

  get reason(): unknown {
    return this.cancelled ? this.why : undefined
  }

  onCancel(cb: Listener): () => void {
    if (this.cancelled) {
      cb(this.why)
      return noop
    }
    const listeners = (this.listeners ??= [])
    listeners.push(cb)
    this.armOnce() // after the push: an arm that cancels at once must still reach cb
    return () => {
      const i = listeners.indexOf(cb)
      if (i >= 0) listeners.splice(i, 1)
    }
  }

  get signal(): AbortSignal {
    if (this.abortSignal !== undefined) return this.abortSignal
    if (this.cancelled) return (this.abortSignal = AbortSignal.abort(this.why))
    const controller = new AbortController()
    this.abortSignal = controller.signal
    this.onCancel((reason) => controller.abort(reason))
    return this.abortSignal
  }

  cancel(reason: unknown): void {
    if (this.state === 1) return
    this.state = 1
    this.why = reason
    const listeners = this.listeners
    this.listeners = undefined
    if (listeners === undefined) return
    // a snapshot: a listener that unsubscribes itself (or another) must not make the loop skip one
    for (const cb of listeners.slice()) cb(reason)
  }

  private armOnce(): void {
    if (this.armed) return
    this.armed = true
    const cancel = (reason: unknown): void => this.cancel(reason)
    if (this.parent !== undefined) this.parent.onCancel(cancel)
    if (this.arm !== undefined) this.arm(cancel)
  }
}

const noop = (): void => undefined

/**
 * Makes a cancel source. A child of `parent` is cancelled with it. `arm` is called on the first
 * subscription, with the source's cancel function: this is how an adapter starts watching the socket
 * only for requests that someone actually wants to cancel.
 */
export const newCancelSource = (parent?: CancelToken, arm?: (cancel: (reason: unknown) => void) => void): CancelSource =>
  new Cancellation(parent, arm)

let neverSignal: AbortSignal | undefined

/** A token that is never cancelled; subscribing to it keeps nothing alive. */
export const neverCancelled: CancelToken = {
  cancelled: false,
  reason: undefined,
  onCancel: () => noop,
  get signal() {
    return (neverSignal ??= new AbortController().signal)
  },
}
