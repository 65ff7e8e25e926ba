import type * as E from 'fp-ts/lib/Either.js'
import type * as O from 'fp-ts/lib/Option.js'
import type { Request } from '../core/request.js'
import type { UserInfo } from './user.js'

/** A successful authentication (upstream `authenticator.Response`). */
export interface AuthResponse {
  readonly user: UserInfo
  /** The audiences the credential was valid for; empty when the authenticator does not know. */
  readonly audiences: ReadonlyArray<string>
}

/** Why credentials that were presented are not accepted; logged and audited, never sent to the client. */
export interface AuthFailure {
  readonly _tag: 'AuthFailure'
  /** Which authenticator refused (`token-file`, `x509`, `requestheader`, ...). */
  readonly authenticator: string
  readonly message: string
}

/**
 * Upstream's `(response, ok, err)`: `Right(Some)` authenticated, `Right(None)` no opinion (no credential
 * this authenticator understands), `Left` a credential was presented and refused.
 */
export type AuthResult = E.Either<AuthFailure, O.Option<AuthResponse>>

/**
 * Authenticates a request (upstream `authenticator.Request`). Synchronous: every authenticator kubechain
 * ships decides from the request alone (token table, peer certificate, headers), so the hot path makes
 * no promise. Pure apart from what it read at build time (files are loaded by its constructor).
 */
export type Authenticator = (req: Request) => AuthResult
