import type { WebSocket } from 'ws'
import { type Logger, type RawRequest, isAbortHandler, stderrLogger } from '../core/index.js'

/** Options of `toNodeListener` and `toUpgradeListener`. */
export interface ListenerOptions {
  /** Where defects are logged; JSON lines on stderr (`stderrLogger`) by default. */
  readonly log?: Logger
  /** `toUpgradeListener` only: told of each websocket it accepted (a `WebSocketRegistry`'s `add`). */
  readonly onWebSocket?: (ws: WebSocket) => void
}

/** The logger of `opts`. */
export const loggerOf = (opts: ListenerOptions): Logger => opts.log ?? stderrLogger

/** Reports what failed while answering one request (a lowercase message and the error). */
export type Report = (msg: string, error: unknown) => void

/**
 * Logs an error entry with upstream's `method` and `URI` fields. Quiet for `abortHandler`, which cuts a
 * connection on purpose. Never throws: a faulty logger must not turn a report into another defect.
 */
export const report = (log: Logger, req: RawRequest, msg: string, error: unknown): void => {
  if (isAbortHandler(error)) return
  try {
    log({ level: 'error', msg, fields: { method: req.method, URI: req.url }, error })
  } catch {
    // nothing sensible is left to do with a logger that throws
  }
}
