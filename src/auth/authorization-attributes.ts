import type { RequestInfo } from '../request/request-info.js'
import type { AuthorizationAttributes } from './authorizer.js'
import type { UserInfo } from './user.js'

/** The user of a request that has none: upstream passes a nil user, whose name prints as `""`. */
export const noUser: UserInfo = { name: '', uid: '', groups: [], extra: {} }

/**
 * Upstream `GetAuthorizerAttributes`: what the authorizer is asked, from the user and the RequestInfo.
 * Port note: field and label selectors are not part of the attributes (no `AuthorizeWithSelectors`).
 * @example
 * authorizer(authorizationAttributes(user, info))
 */
export const authorizationAttributes = (user: UserInfo, info: RequestInfo): AuthorizationAttributes => ({
  user,
  verb: info.verb,
  isResourceRequest: info.isResourceRequest,
  path: info.path,
  namespace: info.namespace,
  apiGroup: info.apiGroup,
  apiVersion: info.apiVersion,
  resource: info.resource,
  subresource: info.subresource,
  name: info.name,
})
