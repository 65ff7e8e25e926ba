import * as E from 'fp-ts/lib/Either.js'
import type { AuthorizationResult, Authorizer } from './authorizer.js'

/** An authorizer with the name its reasons are prefixed with (`RBAC`, `AlwaysDeny`, ...). */
export interface NamedAuthorizer {
  readonly name: string
  readonly authorize: Authorizer
}

const silent: AuthorizationResult = { decision: 'NoOpinion', reason: '' }

/**
 * Upstream `union.New` (reference §8.2): asks each authorizer in order; the first Allow or Deny is the
 * answer, with that authorizer's own reason; when all have no opinion, NoOpinion with the non-empty
 * reasons as `<name>: <reason>` joined by `\n`. An empty or repeated name is a Left naming it.
 * @example
 * const authorize = unionAuthorizer([{ name: 'RBAC', authorize: rbacAuthorizer(objects) }])
 */
export const unionAuthorizer = (authorizers: ReadonlyArray<NamedAuthorizer>): E.Either<string, Authorizer> => {
  const seen = new Set<string>()
  for (const { name } of authorizers) {
    if (name === '') return E.left('authorizer name must not be empty')
    if (seen.has(name)) return E.left(`authorizer name "${name}" is used twice`)
    seen.add(name)
  }
  return E.right((attrs) => {
    let reasons: string[] | undefined
    for (const { name, authorize } of authorizers) {
      const result = authorize(attrs)
      if (result.decision !== 'NoOpinion') return result
      if (result.reason !== '') (reasons ??= []).push(`${name}: ${result.reason}`)
    }
    return reasons === undefined ? silent : { decision: 'NoOpinion', reason: reasons.join('\n') }
  })
}
