import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthResult, Authenticator } from './authenticator.js'
import { type UserInfo, wellKnown } from './user.js'

/** The user of unauthenticated requests: `system:anonymous` in `system:unauthenticated`. */
export const anonymousUser: UserInfo = { name: wellKnown.anonymous, uid: '', groups: [wellKnown.allUnauthenticated], extra: {} }

const anonymous: AuthResult = E.right(O.some({ user: anonymousUser, audiences: [] }))
const noOpinion: AuthResult = E.right(O.none)

/**
 * Authenticates every request as `system:anonymous` (upstream `anonymous.NewAuthenticator`); with a
 * non-empty `paths`, only requests for exactly those paths (upstream's anonymous `conditions`), others
 * get no opinion. Leave it out of the union to turn anonymous access off.
 * Port note: upstream echoes the request's API audiences; here the response carries none, which the
 * authentication filter's audience check accepts the same way.
 * @example
 * const auth = unionAuthenticator([bearerTokenAuthenticator(tokens), anonymousAuthenticator()], { failOnError: true })
 */
export const anonymousAuthenticator = (paths: ReadonlyArray<string> = []): Authenticator => {
  if (paths.length === 0) return () => anonymous
  const allowed = new Set(paths)
  return (req) => (allowed.has(req.path) ? anonymous : noOpinion)
}
