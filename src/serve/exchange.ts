import type { EventEmitter } from 'node:events'
import { type Logger, type Ended, type RawRequest, type Response, runFinalizers } from '../core/index.js'
import { type Report, report } from './listener-options.js'

/** What an exchange needs to know about the thing it watches (a node response, or a socket). */
export interface Probe<T extends EventEmitter> {
  /** True once nothing more can be written. */
  readonly isClosed: (target: T) => boolean
  /** True when the exchange ended well: response fully written, or websocket accepted. */
  readonly completed: (target: T, ex: Exchange<T>) => boolean
  /**
   * Starts noticing a peer that goes away while the handler runs, where `'close'` alone would miss it;
   * calls `left` when it did (the same function is handed to `unfollow`).
   */
  readonly follow?: (target: T, left: () => void) => void
  /** Stops what `follow` started, once the handler answered. */
  readonly unfollow?: (target: T, left: () => void) => void
}

/**
 * The state of one request at the edge: its response, its cancel function and whether anyone watches
 * the connection. A `'close'` listener is attached only when someone needs it (a cancel subscriber, or
 * finalizers of a response whose end comes later: a stream, an upgrade, a takeover), once, and serves
 * all of them. A response written in one `end` call is finalized right after it (`settleWhole`, `ended`).
 */
export class Exchange<T extends EventEmitter> {
  /** Where a websocket upgrade stands: not asked for, answered by the handler, handed to `ws`, accepted. */
  upgrade: 'none' | 'asked' | 'pending' | 'done' = 'none'
  /** Set on a defect: the response being written is not the one settled, so finalizers hear `'aborted'`. */
  failed = false
  private response: Response | undefined = undefined
  private cancel: ((reason: unknown) => void) | undefined = undefined
  private watching = false
  private closed = false
  private finalized = false

  constructor(
    readonly req: RawRequest,
    readonly target: T,
    readonly probe: Probe<T>,
    readonly log: Logger,
  ) {}

  /** The cancel source's `arm`: cancel when the connection closes before the exchange completed. */
  armCancel(cancel: (reason: unknown) => void): void {
    this.cancel = cancel
    this.watch()
    if (this.response === undefined && !this.closed) this.probe.follow?.(this.target, this.left)
  }

  /**
   * The peer went away while the handler runs (a client's FIN on HTTP/1, as Go's background read sees
   * EOF): the request is cancelled; a response the handler still gives is written if the connection takes it.
   */
  private readonly left = (): void => {
    if (this.closed || this.response !== undefined) return
    this.cancel?.(new Error('client disconnected'))
  }

  /** Takes the response being written; its finalizers run once when the exchange ended. */
  settle(response: Response): void {
    this.response = response
    this.probe.unfollow?.(this.target, this.left)
    if (response.finalizers.length === 0) return
    if (this.closed) this.finalize('aborted')
    else this.watch()
  }

  /**
   * Takes a response that is written in full by one `end` call (a Bytes or Empty body): no `'close'`
   * listener for its finalizers, `ended` runs them once `end` returned.
   */
  settleWhole(response: Response): void {
    this.response = response
    this.probe.unfollow?.(this.target, this.left)
  }

  /**
   * Runs the finalizers of a `settleWhole` response once it was handed to the connection: `'finished'`,
   * or `'aborted'` when the connection was already gone (Go's handler also returns once the response is
   * in the connection's buffer).
   */
  ended(): void {
    this.finalize(this.closed || this.probe.isClosed(this.target) ? 'aborted' : 'finished')
  }

  /** Marks a defect: the settled response is not the one written; the end of the connection decides, its finalizers hear `'aborted'`. */
  fail(): void {
    this.failed = true
    this.probe.unfollow?.(this.target, this.left)
    if (this.response !== undefined) this.watch()
  }

  /** Logs what failed on this request; never throws. */
  report(msg: string, error: unknown): void {
    report(this.log, this.req, msg, error)
  }

  /** Drops a response the adapter will not write: its finalizers run at once with `'discarded'`. */
  discard(response: Response): void {
    this.probe.unfollow?.(this.target, this.left)
    const failure = runFinalizers(response, 'discarded')
    if (failure !== undefined) this.report('a finalizer failed', failure)
  }

  /** Starts watching for the end of the connection (idempotent). */
  watch(): void {
    if (this.watching) return
    this.watching = true
    if (this.probe.isClosed(this.target)) process.nextTick(closeExchange, this)
    else this.target.on('close', () => this.onClose()) // not `once`: 'close' comes at most once, and `once` adds a wrapper per request
  }

  /**
   * Runs when the connection or stream closed: cancels if unfinished (or if it was a websocket, whose
   * request lasts as long as its connection), then finalizes.
   */
  onClose(): void {
    if (this.closed) return
    this.closed = true
    const done = this.probe.completed(this.target, this)
    if (this.cancel !== undefined && (!done || this.upgrade === 'done')) {
      this.cancel(new Error(done ? 'connection closed' : 'client disconnected'))
    }
    if (this.response !== undefined) this.finalize(done && !this.failed ? 'finished' : 'aborted')
  }

  private finalize(outcome: Ended): void {
    if (this.finalized || this.response === undefined) return
    this.finalized = true
    const failure = runFinalizers(this.response, outcome)
    if (failure !== undefined) this.report('a finalizer failed', failure)
  }
}

const closeExchange = (ex: Exchange<EventEmitter>): void => ex.onClose()

/** The exchange's `report` as a plain function, for stream writers. */
export const reporter =
  <T extends EventEmitter>(ex: Exchange<T>): Report =>
  (msg, error) =>
    ex.report(msg, error)
