const pascal = (s: string): string => (s === '' ? '' : s.charAt(0).toUpperCase() + s.slice(1))

/** The group as operation ids spell it: `Core`, `Authentication` (`.k8s.io` dropped), `RbacAuthorization`, `ExampleCom`. */
export const groupInOperationId = (group: string): string =>
  group === ''
    ? 'Core'
    : group
        .replace(/\.k8s\.io$/, '')
        .split('.')
        .map(pascal)
        .join('')

/** The tag of a group version's operations: `core_v1`, `authentication_v1`, `rbacAuthorization_v1`. */
export const tagOf = (group: string, version: string): string => {
  const name = groupInOperationId(group)
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}_${version}`
}

/** The prefix of a group version's operation ids: `CoreV1`, `AuthorizationV1`. */
export const operationIdPrefix = (group: string, version: string): string => `${groupInOperationId(group)}${pascal(version)}`

/** `a` or `an` before a kind in an operation's description, as upstream's `GetArticleForNoun`. */
export const articleFor = (kind: string): string => (/^[aeiouAEIOU]/.test(kind) ? 'an' : 'a')

/** A group version's root path: `/api/v1` for the core group, else `/apis/<group>/<version>`. */
export const groupVersionRoot = (group: string, version: string): string => (group === '' ? `/api/${version}` : `/apis/${group}/${version}`)

/** A group version's name in the `/openapi/v3` index: `api/v1`, `apis/<group>/<version>`. */
export const groupVersionKey = (group: string, version: string): string => groupVersionRoot(group, version).slice(1)
