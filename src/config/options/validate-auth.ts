import type { Problem } from '../problems.js'
import { flagProblem } from './flag-problem.js'
import type { AuthenticationOptions, AuthorizationOptions } from './serve-options.js'

const headerLists = [
  ['requestheader-username-headers', 'requestheaderUsernameHeaders'],
  ['requestheader-uid-headers', 'requestheaderUIDHeaders'],
  ['requestheader-group-headers', 'requestheaderGroupHeaders'],
  ['requestheader-extra-headers-prefix', 'requestheaderExtraHeaderPrefixes'],
  ['requestheader-allowed-names', 'requestheaderAllowedNames'],
] as const

/**
 * Upstream's `RequestHeaderAuthenticationOptions.Validate` (no blank header name or allowed name, message
 * `empty value in "<flag>"`), and ours: `--requestheader-allowed-names` needs `--requestheader-client-ca-file`.
 * @example
 * validateAuthentication({ ...serveOptionsDefaults.authentication, requestheaderGroupHeaders: [' '] })
 * // [{ path: '--requestheader-group-headers', message: 'empty value in "requestheader-group-headers"' }]
 */
export const validateAuthentication = (o: AuthenticationOptions): ReadonlyArray<Problem> => [
  ...headerLists
    .filter(([, field]) => o[field].some((h) => h.trim() === ''))
    .map(([flag]) => flagProblem(flag, `empty value in "${flag}"`)),
  ...(o.requestheaderAllowedNames.length > 0 && o.requestheaderClientCAFile === ''
    ? [flagProblem('requestheader-allowed-names', 'expected --requestheader-client-ca-file to be set too, got none')]
    : []),
]

const validModes: ReadonlySet<string> = new Set(['AlwaysAllow', 'AlwaysDeny', 'RBAC'])

/**
 * Upstream's `BuiltInAuthorizationOptions.Validate` for our modes (AlwaysAllow, AlwaysDeny, RBAC), with its
 * messages. Port note: the policy file holds RBAC objects, so it needs mode RBAC (upstream: ABAC); RBAC
 * without a policy file serves the bootstrap policy only.
 * @example
 * validateAuthorization({ modes: ['ABAC'], policyFile: '' })
 * // [{ path: '--authorization-mode', message: 'authorization-mode "ABAC" is not a valid mode' }]
 */
export const validateAuthorization = (o: AuthorizationOptions): ReadonlyArray<Problem> => [
  ...(o.modes.length === 0 ? [flagProblem('authorization-mode', 'at least one authorization-mode must be passed')] : []),
  ...o.modes
    .filter((m) => !validModes.has(m))
    .map((m) => flagProblem('authorization-mode', `authorization-mode ${JSON.stringify(m)} is not a valid mode`)),
  ...(o.policyFile !== '' && !o.modes.includes('RBAC')
    ? [flagProblem('authorization-policy-file', 'cannot specify --authorization-policy-file without mode RBAC')]
    : []),
  ...(new Set(o.modes).size !== o.modes.length
    ? [
        flagProblem(
          'authorization-mode',
          `authorization-mode [${o.modes.map((m) => JSON.stringify(m)).join(' ')}] has mode specified more than once`,
        ),
      ]
    : []),
]
