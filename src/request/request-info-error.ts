import * as O from 'fp-ts/lib/Option.js'
import type { Target } from '../core/request.js'
import type { RequestInfo } from './request-info.js'

/**
 * Why a RequestInfo could not be resolved. `partial` is what was known before the failure (upstream
 * returns it beside the error); it is none when the request target itself did not parse.
 */
export interface RequestInfoError {
  readonly _tag: 'RequestInfoError'
  readonly message: string
  readonly partial: O.Option<RequestInfo>
}

/**
 * Makes a RequestInfoError.
 * @example
 * requestInfoError('invalid request target "x"', O.none)
 */
export const requestInfoError = (message: string, partial: O.Option<RequestInfo>): RequestInfoError => ({
  _tag: 'RequestInfoError',
  message,
  partial,
})

/** The error for `/api/v1/watch` or `/api/v1/proxy` with nothing after the verb. */
export const undeterminedKindError = (target: Target, partial: RequestInfo): RequestInfoError =>
  requestInfoError(`unable to determine kind and namespace from url, ${urlString(target)}`, O.some(partial))

/**
 * The target as Go prints a request's `*url.URL`: the escaped path (the path as received when that is a
 * valid encoding of it, else the decoded path re-escaped) and `?query` when the target had a `?`.
 */
const urlString = (target: Target): string => {
  const path = isValidEncoding(target.rawPath) ? target.rawPath : escapePath(target.path)
  return hasQueryMark(target.url) ? `${path}?${target.rawQuery}` : path
}

/** Whether the target has a `?` before any `#` (Go's `ForceQuery` keeps a lone trailing `?`). */
const hasQueryMark = (url: string): boolean => {
  const q = url.indexOf('?')
  const hash = url.indexOf('#')
  return q >= 0 && (hash < 0 || q < hash)
}

/** Go's `validEncoded(s, encodePath)`: only characters a path may carry unescaped, and `%`. */
const isValidEncoding = (s: string): boolean => VALID_ENCODED.test(s)

const VALID_ENCODED = /^[A-Za-z0-9\-_.~!$&'()*+,;=:@[\]%/]*$/

/** Go's `escape(s, encodePath)`: UTF-8 bytes outside unreserved characters and `$&+,/:;=@` become `%XX`. */
const escapePath = (s: string): string => {
  let out = ''
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += PATH_SAFE.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

const PATH_SAFE = /^[A-Za-z0-9\-_.~$&+,/:;=@]$/
