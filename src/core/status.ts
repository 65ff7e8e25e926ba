import { goJson } from './go-json.js'
import { type HttpResponse, type ResponseHeaders, bytes } from './response.js'

/** A cause inside Status details. */
export interface StatusCause {
  readonly reason?: string
  readonly message?: string
  readonly field?: string
}

/** `metav1.StatusDetails`; empty fields are left out when encoded. */
export interface StatusDetails {
  readonly name?: string
  readonly group?: string
  readonly kind?: string
  readonly uid?: string
  readonly causes?: ReadonlyArray<StatusCause>
  readonly retryAfterSeconds?: number
}

/** A Kubernetes `metav1.Status` (kind `Status`, apiVersion `v1`). */
export interface Status {
  readonly status: 'Success' | 'Failure'
  readonly message: string
  readonly reason: string
  /** `undefined` leaves `details` out; `{}` writes `"details":{}` as upstream does for some errors. */
  readonly details: StatusDetails | undefined
  readonly code: number
}

/**
 * The errors the chain expects, as data. `Status` errors become a Kubernetes Status JSON body; `Plain`
 * errors reproduce Go's `http.Error` (text, `nosniff`, message plus newline), which upstream uses for
 * 429 from max-in-flight, panics and internal errors.
 */
export type ApiError =
  | { readonly _tag: 'Status'; readonly status: Status; readonly headers?: ResponseHeaders }
  | { readonly _tag: 'Plain'; readonly code: number; readonly message: string; readonly headers?: ResponseHeaders }

/** An error with a Status body. */
export const statusError = (status: Status, headers?: ResponseHeaders): ApiError =>
  headers === undefined ? { _tag: 'Status', status } : { _tag: 'Status', status, headers }

/** An error written like Go's `http.Error(w, message, code)`. */
export const plainError = (code: number, message: string, headers?: ResponseHeaders): ApiError =>
  headers === undefined ? { _tag: 'Plain', code, message } : { _tag: 'Plain', code, message, headers }

/** Turns an expected error into its response. The one place where errors become bytes. */
export const toResponse = (err: ApiError): HttpResponse =>
  err._tag === 'Status' ? statusResponse(err.status, err.headers) : plainResponse(err.code, err.message, err.headers)

/** Encodes a Status as upstream's JSON serializer does: fixed field order, Go escaping, trailing newline. */
export const encodeStatus = (s: Status, typeMeta = true): string => {
  const body: Record<string, unknown> = typeMeta ? { kind: 'Status', apiVersion: 'v1', metadata: {} } : { metadata: {} }
  body['status'] = s.status
  if (s.message !== '') body['message'] = s.message
  if (s.reason !== '') body['reason'] = s.reason
  if (s.details !== undefined) body['details'] = encodeDetails(s.details)
  body['code'] = s.code
  return `${goJson(body)}\n`
}

const encodeDetails = (d: StatusDetails): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  if (d.name) out['name'] = d.name
  if (d.group) out['group'] = d.group
  if (d.kind) out['kind'] = d.kind
  if (d.uid) out['uid'] = d.uid
  if (d.causes !== undefined && d.causes.length > 0) out['causes'] = d.causes.map(encodeCause)
  if (d.retryAfterSeconds) out['retryAfterSeconds'] = d.retryAfterSeconds
  return out
}

const encodeCause = (c: StatusCause): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  if (c.reason) out['reason'] = c.reason
  if (c.message) out['message'] = c.message
  if (c.field) out['field'] = c.field
  return out
}

const statusResponse = (s: Status, extra: ResponseHeaders | undefined): HttpResponse => {
  const retry = s.details?.retryAfterSeconds
  const headers: Record<string, string | ReadonlyArray<string>> = {
    'content-type': 'application/json',
    'x-content-type-options': 'nosniff',
    ...(retry !== undefined && retry > 0 ? { 'retry-after': String(retry) } : {}),
    ...extra,
  }
  return bytes(s.code, encodeStatus(s), headers)
}

const plainResponse = (code: number, message: string, extra: ResponseHeaders | undefined): HttpResponse =>
  bytes(code, `${message}\n`, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    ...extra,
  })
