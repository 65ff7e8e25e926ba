import type { UserInfo } from './user.js'

/**
 * What is asked of the authorizer (upstream `authorizer.Attributes`, built from the user and RequestInfo;
 * impersonation asks with verb `impersonate` on `users`, `groups`, `uids`, `userextras/<key>`).
 */
export interface AuthorizationAttributes {
  readonly user: UserInfo
  readonly verb: string
  readonly isResourceRequest: boolean
  /** The URL path, for non-resource requests. */
  readonly path: string
  readonly namespace: string
  readonly apiGroup: string
  readonly apiVersion: string
  readonly resource: string
  readonly subresource: string
  readonly name: string
}

/** Upstream's three decisions: a union stops at the first Allow or Deny. */
export type Decision = 'Allow' | 'Deny' | 'NoOpinion'

/** A decision with the reason that goes into the 403 message and the audit annotation. */
export interface AuthorizationResult {
  readonly decision: Decision
  readonly reason: string
}

/** Decides a request (upstream `authorizer.Authorizer`). Synchronous: RBAC from files needs no I/O per request. */
export type Authorizer = (attributes: AuthorizationAttributes) => AuthorizationResult
