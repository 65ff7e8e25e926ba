export { type UserInfo, userKey, wellKnown } from './user.js'
export { insecureSuperuser, withInsecureSuperuser, insecureSuperuserStep } from './insecure-superuser.js'
export type { AuthResponse, AuthFailure, AuthResult, Authenticator } from './authenticator.js'
export type { AuthorizationAttributes, Decision, AuthorizationResult, Authorizer } from './authorizer.js'
export { type TokenFile, type TokenFileError, parseTokenFile } from './token-file.js'
export { loadTokenFile } from './load-token-file.js'
export {
  type TokenAuthenticator,
  staticTokenAuthenticator,
  bearerTokenAuthenticator,
  websocketTokenAuthenticator,
  withoutTokenProtocol,
} from './token-authenticator.js'
export { type PeerChain, peerCertificates } from './peer-certificates.js'
export {
  type CaBundle,
  type ClientVerifier,
  type VerifiedClient,
  emptyCaBundle,
  caBundleFromPem,
  clientVerifier,
  verifyClientChain,
} from './client-chain.js'
export { x509Authenticator } from './x509-authenticator.js'
export { RequestHeaderConfig, requestHeaderDefaults, requestHeaderAuthenticator } from './request-header-authenticator.js'
export { anonymousUser, anonymousAuthenticator } from './anonymous-authenticator.js'
export { unionAuthenticator, authenticatedGroupAdder } from './union-authenticator.js'
export {
  rbacGroup,
  PolicyRule,
  Subject,
  RoleRef,
  Role,
  ClusterRole,
  RoleBinding,
  ClusterRoleBinding,
  type RbacObject,
  type RbacObjects,
  noRbacObjects,
  decodeRbacDocument,
} from './rbac-objects.js'
export { loadRbacObjects, parseRbacObjects, mergeRbacObjects } from './load-rbac-objects.js'
export { verbMatches, apiGroupMatches, resourceMatches, resourceNameMatches, nonResourceURLMatches, ruleAllows } from './rule-matches.js'
export { type RbacAuthorizerOptions, rbacAuthorizer } from './rbac-authorizer.js'
export { bootstrapPolicy, withBootstrapPolicy } from './bootstrap-policy.js'
export { alwaysAllow, alwaysDeny } from './always-authorizers.js'
export { type NamedAuthorizer, unionAuthorizer } from './union-authorizer.js'
export { authorizationAttributes } from './authorization-attributes.js'
export { type ImpersonationRequest, impersonationHeaders, hasImpersonationHeaders } from './impersonation-rules.js'
export {
  type NonResourceRule,
  type ResourceRule,
  type RulesResolver,
  type SubjectRules,
  alwaysAllowRules,
  alwaysDenyRules,
  unionRulesResolver,
  unlistedRules,
} from './rules-resolver.js'
export { rbacRulesResolver } from './rules-rbac.js'
