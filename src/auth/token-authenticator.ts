import { randomBytes } from 'node:crypto'
import { isUtf8 } from 'node:buffer'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { type Request, header, headerValues } from '../core/request.js'
import { addWarning } from '../request/warnings.js'
import type { AuthResult, Authenticator } from './authenticator.js'
import type { UserInfo } from './user.js'

/** Checks a bare token (upstream `authenticator.Token`): `Right(None)` when the token is unknown. */
export type TokenAuthenticator = (token: string) => AuthResult

const noOpinion: AuthResult = E.right(O.none)

/**
 * Looks tokens up in a static table (upstream `tokenfile.TokenAuthenticator`) in constant time with
 * respect to the stored tokens: `tokenTable` over a keyed hash whose key is drawn at random for each table.
 * One hash of the presented token, computed in JS (a node:crypto digest per request would cost more than the
 * whole lookup), one Map lookup by a number, one full-length comparison; each user's result is built once.
 * Port note: upstream looks the raw token up in a Go map (not constant time).
 * @example
 * const tokens = staticTokenAuthenticator(new Map([['secret', user]]))
 */
export const staticTokenAuthenticator = (tokens: ReadonlyMap<string, UserInfo>): TokenAuthenticator => {
  const key = randomBytes(8)
  return tokenTable(tokens, keyedHash(key.readUInt32LE(0), key.readUInt32LE(4)))
}

/**
 * A token table over any bucket function: tokens are grouped by `bucketOf`, and a presented token is
 * compared, with `sameText`, only with the tokens of its bucket. Nothing compares the presented token
 * with a stored one character by character until the end: where a presented token lands depends on the
 * table's secret key, not on how much of a stored token it shares, and `sameText` reads every character.
 * What leaks is whether a bucket exists (a 30-bit keyed value, unknown to the client) and, on a bucket
 * hit, whether the lengths are equal.
 */
export const tokenTable = (tokens: ReadonlyMap<string, UserInfo>, bucketOf: (token: string) => number): TokenAuthenticator => {
  const table = new Map<number, Array<readonly [string, AuthResult]>>()
  for (const [token, user] of tokens) {
    const bucket = bucketOf(token)
    const entry = [token, E.right(O.some({ user, audiences: [] }))] as const
    const list = table.get(bucket)
    if (list === undefined) table.set(bucket, [entry])
    else list.push(entry)
  }
  return (token) => {
    const list = table.get(bucketOf(token))
    if (list === undefined) return noOpinion
    for (const [stored, result] of list) if (sameText(stored, token)) return result
    return noOpinion
  }
}

/**
 * A 30-bit hash of a string under a 64-bit key (multiply-xorshift rounds per UTF-16 unit, then a
 * finalizer): cheap, and without the key a client cannot tell which tokens share a bucket. Not a MAC;
 * it only spreads tokens, `sameText` decides.
 */
export const keyedHash =
  (k0: number, k1: number) =>
  (s: string): number => {
    let h = k0 | 0
    for (let i = 0; i < s.length; i++) {
      h = Math.imul(h ^ s.charCodeAt(i), 0x9e3779b1)
      h ^= h >>> 15
    }
    h = Math.imul(h ^ k1 ^ s.length, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    return (h ^ (h >>> 16)) & 0x3fffffff
  }

/** Equal strings, reading every character whatever they hold (Go's `subtle.ConstantTimeCompare`: lengths first). */
export const sameText = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** The warning upstream records for `Authorization: Bearer  <token>` (two spaces). */
export const extraSpaceWarning = 'the provided Authorization header contains extra space before the bearer token, and is ignored'

const invalidBearer: AuthResult = E.left({ _tag: 'AuthFailure', authenticator: 'bearer-token', message: 'invalid bearer token' })
const bearer = [0x62, 0x65, 0x61, 0x72, 0x65, 0x72]

/**
 * Authenticates `Authorization: Bearer <token>` (upstream `bearertoken`): the trimmed header split on
 * single spaces; the first part must be `bearer` in any case and be followed by a token, else no
 * opinion (`Basic x`, `Bearer`, `Bearer: x`); text after the token is ignored; `Bearer  x` (empty token)
 * is no opinion plus a warning. An unknown token is `invalid bearer token`. Scans char codes: no regexp,
 * no split per request.
 * @example
 * const auth = bearerTokenAuthenticator(tokens)
 */
export const bearerTokenAuthenticator =
  (tokens: TokenAuthenticator): Authenticator =>
  (req) => {
    const value = header(req, 'authorization')
    if (value === undefined || value === '') return noOpinion
    const auth = value.trim()
    if (auth.length < 7 || auth.charCodeAt(6) !== 0x20 || !startsWithBearer(auth)) return noOpinion
    const end = auth.indexOf(' ', 7)
    const token = end < 0 ? auth.slice(7) : auth.slice(7, end)
    if (token === '') {
      if (end >= 0) addWarning(req, '', extraSpaceWarning)
      return noOpinion
    }
    const result = tokens(token)
    return E.isRight(result) && O.isNone(result.right) ? invalidBearer : result
  }

const startsWithBearer = (s: string): boolean => {
  for (let i = 0; i < 6; i++) if ((s.charCodeAt(i) | 0x20) !== bearer[i]) return false
  return true
}

/** The websocket subprotocol prefix that carries a base64url bearer token. */
export const bearerProtocolPrefix = 'base64url.bearer.authorization.k8s.io.'

const wsFailure = (message: string): AuthResult => E.left({ _tag: 'AuthFailure', authenticator: 'websocket-token', message })
const invalidWsToken = wsFailure('invalid bearer token')
const connectionUpgrade = /(^|.*,\s*)upgrade($|\s*,)/
const base64url = /^[A-Za-z0-9_-]*$/

/**
 * Authenticates a websocket request carrying its token as the subprotocol
 * `base64url.bearer.authorization.k8s.io.<base64url(token), unpadded>` (upstream `websocket.ProtocolAuthenticator`):
 * only for `Upgrade: websocket` requests; two token protocols, bad base64url, non-UTF-8 tokens, or no
 * other subprotocol are failures with upstream's messages; an unknown token is `invalid bearer token`.
 * Port note: upstream removes the token protocol from the request when it succeeds; here the
 * authentication filter does so after any success (`withoutTokenProtocol`).
 * @example
 * const auth = websocketTokenAuthenticator(tokens)
 */
export const websocketTokenAuthenticator =
  (tokens: TokenAuthenticator): Authenticator =>
  (req) => {
    if (!isWebSocketRequest(req)) return noOpinion
    const found = protocolToken(headerValues(req, 'sec-websocket-protocol'))
    if (E.isLeft(found)) return wsFailure(found.left)
    if (found.right.token === '') return noOpinion
    if (!found.right.others) return wsFailure('missing additional subprotocol')
    const result = tokens(found.right.token)
    return E.isRight(result) && O.isNone(result.right) ? invalidWsToken : result
  }

const isWebSocketRequest = (req: Request): boolean => {
  const upgrade = header(req, 'upgrade')
  return (
    upgrade !== undefined &&
    upgrade.toLowerCase() === 'websocket' &&
    connectionUpgrade.test((header(req, 'connection') ?? '').toLowerCase())
  )
}

const protocolToken = (values: ReadonlyArray<string>): E.Either<string, { token: string; others: boolean }> => {
  let token: string | undefined
  let others = false
  for (const protocol of values.flatMap((v) => v.split(',')).map((p) => p.trim())) {
    if (!protocol.startsWith(bearerProtocolPrefix)) {
      others = true
      continue
    }
    if (token !== undefined) return E.left('multiple base64.bearer.authorization tokens specified')
    const decoded = decodeBase64Url(protocol.slice(bearerProtocolPrefix.length))
    if (E.isLeft(decoded)) return decoded
    token = decoded.right
  }
  return E.right({ token: token ?? '', others })
}

const decodeBase64Url = (encoded: string): E.Either<string, string> => {
  if (!base64url.test(encoded) || encoded.length % 4 === 1) return E.left('invalid base64.bearer.authorization token encoding')
  const bytes = Buffer.from(encoded, 'base64url')
  return isUtf8(bytes) ? E.right(bytes.toString('utf8')) : E.left('invalid base64.bearer.authorization token')
}

/** A `Sec-WebSocket-Protocol` value without its token protocols (what upstream leaves after success). */
export const withoutTokenProtocol = (value: string): string =>
  value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => !p.startsWith(bearerProtocolPrefix))
    .join(',')
