import * as E from 'fp-ts/lib/Either.js'
import { queryValue } from '../core/query.js'
import type { Request } from '../core/request.js'
import { type ApiError, statusError } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'

/** The list options a watch reads (metav1 `ListOptions`), decoded from the query. */
export interface WatchParameters {
  readonly resourceVersion: string
  readonly resourceVersionMatch: string
  /** `undefined`: not given; upstream then sends initial events only for resourceVersion `''` or `0`. */
  readonly sendInitialEvents: boolean | undefined
  readonly allowWatchBookmarks: boolean
  /** `undefined` or 0: the server's own timeout. */
  readonly timeoutSeconds: number | undefined
}

/**
 * Reads and checks a watch's parameters as upstream's list handler does: booleans as the query
 * converter reads them (absent is unset, `0` and `false` in any case are false, any other value
 * true); `timeoutSeconds` a base-10 int64, else 400; then `validateWatchOptions`' rules, a 422
 * `ListOptions.meta.k8s.io "" is invalid` naming every broken rule:
 * `sendInitialEvents` needs `resourceVersionMatch=NotOlderThan`, and `resourceVersionMatch` needs
 * `sendInitialEvents`, is `NotOlderThan` only, and never comes with `continue`.
 * @example
 * watchParameters(req) // Right({ resourceVersion: '', sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', ... })
 */
export const watchParameters = (req: Request): E.Either<ApiError, WatchParameters> => {
  const timeout = int64(queryValue(req, 'timeoutSeconds'))
  if (E.isLeft(timeout)) return timeout
  const params: WatchParameters = {
    resourceVersion: queryValue(req, 'resourceVersion') ?? '',
    resourceVersionMatch: queryValue(req, 'resourceVersionMatch') ?? '',
    sendInitialEvents: flag(queryValue(req, 'sendInitialEvents')),
    allowWatchBookmarks: flag(queryValue(req, 'allowWatchBookmarks')) ?? false,
    timeoutSeconds: timeout.right,
  }
  const errs = watchOptionErrors(params, queryValue(req, 'continue') ?? '')
  return errs.length === 0 ? E.right(params) : E.left(invalidListOptions(errs))
}

/** Whether a watch starts with the current objects as ADDED events: as asked, else for resourceVersion `''` or `0`. */
export const sendsInitialEvents = (p: WatchParameters): boolean =>
  p.sendInitialEvents ?? (p.resourceVersion === '' || p.resourceVersion === '0')

/** A field error of `validateWatchOptions`: its field, its `field.ErrorType` and its text after the field. */
interface OptionError {
  readonly field: string
  readonly type: 'Forbidden' | 'NotSupported'
  readonly body: string
}

const forbidden = (body: string): OptionError => ({ field: 'resourceVersionMatch', type: 'Forbidden', body: `Forbidden: ${body}` })

const watchOptionErrors = (p: WatchParameters, continueToken: string): ReadonlyArray<OptionError> => {
  const errs: OptionError[] = []
  const match = p.resourceVersionMatch
  if (p.sendInitialEvents !== undefined && match !== 'NotOlderThan')
    errs.push(forbidden('sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'))
  if (match === '') return errs
  if (p.sendInitialEvents === undefined)
    errs.push(forbidden('resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'))
  if (match !== 'NotOlderThan')
    errs.push({
      field: 'resourceVersionMatch',
      type: 'NotSupported',
      body: `Unsupported value: ${JSON.stringify(match)}: supported values: "NotOlderThan"`,
    })
  if (continueToken !== '') errs.push(forbidden('resourceVersionMatch is forbidden when continue is provided'))
  return errs
}

/** apimachinery's `NewInvalid(ListOptions.meta.k8s.io, "", errs)`. */
const invalidListOptions = (errs: ReadonlyArray<OptionError>): ApiError => {
  const texts = errs.map((e) => `${e.field}: ${e.body}`)
  const list = texts.length === 1 ? (texts[0] as string) : `[${texts.join(', ')}]`
  return statusError({
    status: 'Failure',
    code: 422,
    reason: 'Invalid',
    message: `ListOptions.meta.k8s.io "" is invalid: ${list}`,
    details: {
      group: 'meta.k8s.io',
      kind: 'ListOptions',
      causes: errs.map((e) => ({ reason: `FieldValue${e.type}`, message: e.body, field: e.field })),
    },
  })
}

/** A query boolean as upstream's converter reads it: absent is unset; `0` and `false` (any case) are false; anything else true. */
const flag = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v !== '0' && v.toLowerCase() !== 'false')

/** Go's `strconv.ParseInt(v, 10, 64)` for a query value; absent or empty is unset. */
const int64 = (v: string | undefined): E.Either<ApiError, number | undefined> => {
  if (v === undefined || v === '') return E.right(undefined)
  if (!/^[+-]?[0-9]+$/.test(v)) return E.left(badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`))
  const n = BigInt(v)
  if (n > 9223372036854775807n || n < -9223372036854775808n)
    return E.left(badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`))
  return E.right(Number(n))
}
