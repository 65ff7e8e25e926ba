import { attr } from '../core/attributes.js'

/** An authenticated user (upstream `user.Info`). */
export interface UserInfo {
  readonly name: string
  readonly uid: string
  readonly groups: ReadonlyArray<string>
  readonly extra: Readonly<Record<string, ReadonlyArray<string>>>
}

/** The request's user; set by authentication, replaced by impersonation. */
export const userKey = attr<UserInfo>('User')

/** Well-known user and group names (upstream `user.go`). */
export const wellKnown = {
  systemPrivilegedGroup: 'system:masters',
  allAuthenticated: 'system:authenticated',
  allUnauthenticated: 'system:unauthenticated',
  anonymous: 'system:anonymous',
  apiserverUser: 'system:apiserver',
  nodesGroup: 'system:nodes',
  monitoringGroup: 'system:monitoring',
} as const
