import type { AuthorizationResult, Authorizer } from './authorizer.js'

const allowed: AuthorizationResult = { decision: 'Allow', reason: '' }
const forbiddenEverything: AuthorizationResult = { decision: 'NoOpinion', reason: 'Everything is forbidden.' }

/**
 * Upstream `alwaysAllowAuthorizer` (`--authorization-mode=AlwaysAllow`): Allow, no reason.
 * @example
 * const handler = withAuthorization(alwaysAllow, defaultDeps)(inner)
 */
export const alwaysAllow: Authorizer = () => allowed

/**
 * Upstream `alwaysDenyAuthorizer` (`AlwaysDeny`): NoOpinion with reason `Everything is forbidden.`, so
 * the authorization filter answers 403 `...: Everything is forbidden.` and a union asks the next one.
 * @example
 * const handler = withAuthorization(alwaysDeny, defaultDeps)(inner)
 */
export const alwaysDeny: Authorizer = () => forbiddenEverything
