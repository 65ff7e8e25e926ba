import { serveOptionsDefaults } from '../../config/options/serve-options.js'
import type { FlagSpec, FlagTable } from './flag-spec.js'

const authn = serveOptionsDefaults.authentication
const authz = serveOptionsDefaults.authorization

const authnFlag = (name: string, type: FlagSpec['type'], field: keyof typeof authn, help: string): FlagSpec => ({
  name,
  section: 'Authentication',
  type,
  default: authn[field],
  path: `authentication.${field}`,
  help,
})

/** Upstream's "Authentication flags" that kubechain serves (kube-apiserver's built-in authentication), with their help texts. */
export const authenticationFlags: FlagTable = [
  authnFlag(
    'anonymous-auth',
    'bool',
    'anonymousAuth',
    'Enables anonymous requests to the secure port of the API server. Requests that are not rejected by another authentication method are ' +
      'treated as anonymous requests. Anonymous requests have a username of system:anonymous, and a group name of system:unauthenticated.',
  ),
  authnFlag(
    'client-ca-file',
    'string',
    'clientCAFile',
    'If set, any request presenting a client certificate signed by one of the authorities in the client-ca-file is authenticated with an ' +
      'identity corresponding to the CommonName of the client certificate.',
  ),
  authnFlag(
    'requestheader-allowed-names',
    'stringList',
    'requestheaderAllowedNames',
    'List of client certificate common names to allow to provide usernames in headers specified by --requestheader-username-headers. If empty, ' +
      'any client certificate validated by the authorities in --requestheader-client-ca-file is allowed.',
  ),
  authnFlag(
    'requestheader-client-ca-file',
    'string',
    'requestheaderClientCAFile',
    'Root certificate bundle to use to verify client certificates on incoming requests before trusting usernames in headers specified by ' +
      '--requestheader-username-headers. WARNING: generally do not depend on authorization being already done for incoming requests.',
  ),
  authnFlag(
    'requestheader-extra-headers-prefix',
    'stringList',
    'requestheaderExtraHeaderPrefixes',
    'List of request header prefixes to inspect. X-Remote-Extra- is suggested.',
  ),
  authnFlag(
    'requestheader-group-headers',
    'stringList',
    'requestheaderGroupHeaders',
    'List of request headers to inspect for groups. X-Remote-Group is suggested.',
  ),
  authnFlag(
    'requestheader-uid-headers',
    'stringList',
    'requestheaderUIDHeaders',
    'List of request headers to inspect for UIDs. X-Remote-Uid is suggested.',
  ),
  authnFlag(
    'requestheader-username-headers',
    'stringList',
    'requestheaderUsernameHeaders',
    'List of request headers to inspect for usernames. X-Remote-User is common.',
  ),
  authnFlag(
    'token-auth-file',
    'string',
    'tokenAuthFile',
    'If set, the file that will be used to secure the secure port of the API server via token authentication.',
  ),
]

/**
 * Upstream's "Authorization flags" for the modes kubechain has. Port note: `--authorization-policy-file`
 * holds RBAC objects (upstream: an ABAC policy), and RBAC is the default mode (upstream: AlwaysAllow).
 */
export const authorizationFlags: FlagTable = [
  {
    name: 'authorization-mode',
    section: 'Authorization',
    type: 'stringList',
    default: authz.modes,
    path: 'authorization.modes',
    help: 'Ordered list of plug-ins to do authorization on secure port. Comma-delimited list of: AlwaysAllow,AlwaysDeny,RBAC.',
  },
  {
    name: 'authorization-policy-file',
    section: 'Authorization',
    type: 'string',
    default: authz.policyFile,
    path: 'authorization.policyFile',
    help:
      'File with RBAC objects (Role, ClusterRole, RoleBinding, ClusterRoleBinding; YAML documents or JSON), used with --authorization-mode=RBAC ' +
      'on top of the bootstrap policy, on the secure port.',
  },
]
