import { type Filter, type Step, put, step } from '../core/index.js'
import { type UserInfo, userKey, wellKnown } from './user.js'

/** The user every request of the insecure chain runs as (upstream `InsecureSuperuser`). */
export const insecureSuperuser: UserInfo = {
  name: 'system:unsecured',
  uid: '',
  groups: [wellKnown.systemPrivilegedGroup, wellKnown.allAuthenticated],
  extra: {},
}

/**
 * Authenticates every request as `system:unsecured` in `system:masters` (upstream's insecure-port
 * authenticator, which always succeeds, so no failure handler is needed).
 * @example
 * const handler = withInsecureSuperuser(inner)
 */
export const withInsecureSuperuser: Filter = (next) => (req) => next(put(req, userKey, insecureSuperuser))

/** The insecure chain's `authentication` step: provides `User`. */
export const insecureSuperuserStep = (): Step => step('authentication', withInsecureSuperuser, { provides: [userKey] })
