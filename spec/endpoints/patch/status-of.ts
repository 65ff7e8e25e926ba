// Spec support: an Either's error as `<code> <reason> <message>`, for one-line assertions.
import * as E from 'fp-ts/lib/Either.js'
import { type ApiError, encodeStatus } from '../../../src/core/status.js'

export const statusLine = <A>(r: E.Either<ApiError, A>): string => {
  if (E.isRight(r)) return `right ${JSON.stringify(r.right)}`
  const e = r.left
  return e._tag === 'Status' ? `${e.status.code} ${e.status.reason} ${e.status.message}` : `${e.code} ${e.message}`
}

export const statusJson = <A>(r: E.Either<ApiError, A>): string => {
  if (E.isRight(r) || r.left._tag !== 'Status') return 'not a Status'
  return encodeStatus(r.left.status)
}
