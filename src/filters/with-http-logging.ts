import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import {
  type Clock,
  type Deps,
  type Filter,
  type RawRequest,
  type Request,
  type Response,
  type Step,
  get,
  header,
  identity,
  peerAddress,
  put,
  step,
  takeoverStatus,
  whenEnded,
} from '../core/index.js'
import { receivedTimestampKey, requestInfoKey } from '../request/index.js'
import { cleanVerb } from '../request/clean-verb.js'
import { type HttpLogValues, httpLogValuesKey } from '../request/http-log-values.js'
import { auditIdForLog } from './with-audit-init.js'

/** The V level of the `HTTP` lines: upstream logs them only at verbosity 3 or more. */
const httpLogVerbosity = 3

/**
 * Options of HTTP logging. Enabled, the filter still writes only while the logger's verbosity is 3 or
 * more (`Logger.enabled`), as upstream checks `klog.V(3).Enabled()` on every request.
 */
export const HttpLoggingConfig = t.readonly(t.type({ enabled: t.boolean }))
export type HttpLoggingConfig = t.TypeOf<typeof HttpLoggingConfig>

/** Off, like upstream at its default verbosity. */
export const httpLoggingDefaults: HttpLoggingConfig = { enabled: false }

/**
 * Logs one `info` entry `HTTP` per request once its response ended (upstream `WithHTTPLogging`), with
 * fields `verb` (the metrics verb: `LIST`, `WATCH`, `APPLY`, ...), `URI`, `latency` (milliseconds since the
 * received timestamp, else since this filter), `userAgent`, `contentType` (of the request), `audit-ID`,
 * `srcIP` (`host:port` of the peer, `''` in memory), then the pairs added with `addHttpLogKeyValue`, then
 * `hijacked: true` for upgrades or `resp: <status>` (a takeover's as its listener sent it) (`0` when the handler failed with a
 * defect). Switched off, it is the identity; on, a request passes straight through while the logger says
 * V(3) is not enabled.
 * Port note: latency is a number of milliseconds, not a Go duration string; upstream's `statusStack` and
 * `addedInfo` (goroutine stacks and error bodies for 5xx) have no equivalent and are left out.
 * @example
 * const handler = withHttpLogging({ enabled: true }, defaultDeps)(inner)
 */
export const withHttpLogging = (cfg: HttpLoggingConfig, deps: Pick<Deps, 'clock' | 'log'>): Filter => {
  if (!cfg.enabled) return identity
  const enabled = deps.log.enabled
  return (next) => (req) => {
    // Upstream asks klog.V(3).Enabled() per request, so /debug/flags/v turns these lines on and off.
    if (enabled !== undefined && !enabled(httpLogVerbosity)) return next(req)
    const start = startOf(req, deps.clock)
    const values: HttpLogValues = { pairs: [] }
    const emit = (res: Response | undefined): void =>
      deps.log({ level: 'info', v: httpLogVerbosity, msg: 'HTTP', fields: fieldsOf(req, deps.clock.now() - start, values, res) })
    return whenEnded(next, put(req, httpLogValuesKey, values), emit)
  }
}

/**
 * The `http-logging` step: inside `audit-init` (its line carries the audit ID) and outside `retry-after`
 * (shutdown rejections are logged).
 */
export const httpLoggingStep = (cfg: HttpLoggingConfig, deps: Pick<Deps, 'clock' | 'log'>): Step =>
  step('http-logging', withHttpLogging(cfg, deps), { inside: ['audit-init'], outside: ['retry-after'] })

const startOf = (req: Request, clock: Clock): number => {
  const received = get(req, receivedTimestampKey)
  return O.isSome(received) ? received.value : clock.now()
}

const fieldsOf = (req: Request, latency: number, values: HttpLogValues, res: Response | undefined): Record<string, unknown> => ({
  verb: cleanVerb(req, get(req, requestInfoKey)),
  URI: req.url,
  latency,
  userAgent: header(req, 'user-agent') ?? '',
  contentType: header(req, 'content-type') ?? '',
  'audit-ID': auditIdForLog(req),
  srcIP: remoteAddr(req.raw),
  ...Object.fromEntries(values.pairs),
  ...(res === undefined || res._tag !== 'Upgrade' ? { resp: statusOf(req, res) } : { hijacked: true }),
})

/** The status sent: a takeover's as its listener sent it (`takeoverStatus`), `0` when the handler failed. */
const statusOf = (req: Request, res: Response | undefined): number =>
  res === undefined ? 0 : res._tag === 'Http' ? res.status : (takeoverStatus(req.raw) ?? 0)

/** Go's `RemoteAddr`: `host:port`, IPv6 hosts in brackets; `''` for a request made in memory. */
const remoteAddr = (raw: RawRequest | undefined): string => {
  const peer = peerAddress(raw)
  const host = peer?.remoteAddress
  if (peer === undefined || host === undefined) return ''
  return host.includes(':') ? `[${host}]:${peer.remotePort}` : `${host}:${peer.remotePort}`
}
