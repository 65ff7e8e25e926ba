import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthFailure, AuthResponse, AuthResult, Authenticator } from './authenticator.js'
import { type UserInfo, wellKnown } from './user.js'

const noOpinion: AuthResult = E.right(O.none)

/**
 * Tries authenticators in order (upstream `union.New` / `union.NewFailOnError`): the first success wins
 * and earlier failures are forgotten; if none succeeds, the failures are aggregated as upstream's
 * `utilerrors.NewAggregate` prints them (one → its message, several distinct → `[a, b]`); no failures
 * and no success → no opinion. With `failOnError`, the first failure stops the search. A single
 * authenticator is returned as it is.
 * @example
 * const auth = authenticatedGroupAdder(unionAuthenticator([x509Authenticator(() => bundle, clock), bearerTokenAuthenticator(tokens)]))
 */
export const unionAuthenticator = (
  authenticators: ReadonlyArray<Authenticator>,
  opts: { readonly failOnError?: boolean } = {},
): Authenticator => {
  if (authenticators.length === 1) return authenticators[0]!
  const failOnError = opts.failOnError === true
  return (req) => {
    let failures: AuthFailure[] | undefined
    for (const authenticate of authenticators) {
      const result = authenticate(req)
      if (E.isRight(result)) {
        if (O.isSome(result.right)) return result
        continue
      }
      if (failOnError) return result
      ;(failures ??= []).push(result.left)
    }
    return failures === undefined ? noOpinion : E.left(aggregate(failures))
  }
}

const aggregate = (failures: ReadonlyArray<AuthFailure>): AuthFailure => {
  if (failures.length === 1) return failures[0]!
  const messages = [...new Set(failures.map((f) => f.message))]
  const message = messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`
  return { _tag: 'AuthFailure', authenticator: failures.map((f) => f.authenticator).join(','), message }
}

/**
 * Adds `system:authenticated` to every successful user (upstream `AuthenticatedGroupAdder`), except
 * `system:anonymous` and users already in `system:authenticated` or `system:unauthenticated`; failures
 * and no opinion pass through. The enlarged result is remembered per user object, so an authenticator
 * that returns the same user each time (a token table) costs one WeakMap lookup per request.
 * @example
 * const auth = authenticatedGroupAdder(bearerTokenAuthenticator(tokens))
 */
export const authenticatedGroupAdder = (authenticator: Authenticator): Authenticator => {
  const seen = new WeakMap<AuthResponse, AuthResult>()
  return (req) => {
    const result = authenticator(req)
    if (E.isLeft(result) || O.isNone(result.right) || !needsGroup(result.right.value.user)) return result
    const response = result.right.value
    const known = seen.get(response)
    if (known !== undefined) return known
    const added: AuthResult = E.right(O.some({ user: withAuthenticatedGroup(response.user), audiences: response.audiences }))
    seen.set(response, added)
    return added
  }
}

const needsGroup = (user: UserInfo): boolean =>
  user.name !== wellKnown.anonymous && !user.groups.some((g) => g === wellKnown.allAuthenticated || g === wellKnown.allUnauthenticated)

const withAuthenticatedGroup = (user: UserInfo): UserInfo => ({
  name: user.name,
  uid: user.uid,
  groups: [...user.groups, wellKnown.allAuthenticated],
  extra: user.extra,
})
