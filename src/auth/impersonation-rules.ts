import * as E from 'fp-ts/lib/Either.js'
import { type Headers, type Request, headerValues } from '../core/request.js'
import type { AuthorizationAttributes } from './authorizer.js'
import { type UserInfo, wellKnown } from './user.js'

/** One thing a request asks to impersonate (upstream builds `ObjectReference`s). */
export type ImpersonationRequest =
  | { readonly kind: 'User'; readonly name: string }
  | { readonly kind: 'ServiceAccount'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'Group'; readonly name: string }
  | { readonly kind: 'UserExtra'; readonly key: string; readonly value: string }
  | { readonly kind: 'UID'; readonly uid: string }

/** The legacy impersonation headers (lower case, as node gives them). */
export const impersonationHeaders = {
  user: 'impersonate-user',
  group: 'impersonate-group',
  uid: 'impersonate-uid',
  extraPrefix: 'impersonate-extra-',
} as const

const PREFIX = 'impersonate-'

/** Whether any `Impersonate-*` header is present: one pass over the names, no allocation. */
export const hasImpersonationHeaders = (headers: Headers): boolean => {
  for (const k in headers) if (k.charCodeAt(0) === 105 && k.startsWith(PREFIX)) return true
  return false
}

/**
 * Upstream `buildImpersonationRequests`: the user (a `system:serviceaccount:<ns>:<name>` name becomes a
 * ServiceAccount), each group, each extra value (key after `Impersonate-Extra-`, lower-cased then
 * `%`-unescaped, kept as is when that fails), the UID. Every line of `Impersonate-Group` and of an
 * `Impersonate-Extra-*` header is one value; the user and the UID are the first line of their header,
 * as upstream's `Header.Get` (repeated lines are never joined into one name). Groups, extras or a UID
 * without a user is upstream's 400 message `requested [...] without impersonating a user`.
 * Port note: upstream lists extras in Go map order (random); here they follow header order.
 * @example
 * impersonationRequests(req) // right([{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'dev' }])
 */
export const impersonationRequests = (req: Request): E.Either<string, ReadonlyArray<ImpersonationRequest>> => {
  const out: ImpersonationRequest[] = []
  const userName = headerValues(req, impersonationHeaders.user)[0] ?? ''
  if (userName !== '') out.push(userRequest(userName))
  const groups = headerValues(req, impersonationHeaders.group)
  for (const name of groups) out.push({ kind: 'Group', name })
  let hasExtra = false
  for (const h in req.headers) {
    if (!h.startsWith(impersonationHeaders.extraPrefix)) continue
    hasExtra = true
    const key = unescapeExtraKey(h.slice(impersonationHeaders.extraPrefix.length).toLowerCase())
    for (const value of headerValues(req, h)) out.push({ kind: 'UserExtra', key, value })
  }
  const uid = headerValues(req, impersonationHeaders.uid)[0] ?? ''
  if (uid !== '') out.push({ kind: 'UID', uid })
  if ((groups.length > 0 || hasExtra || uid !== '') && userName === '')
    return E.left(`requested [${out.map(goObjectReference).join(' ')}] without impersonating a user`)
  return E.right(out)
}

/** What is asked of the authorizer for one impersonation request (verb `impersonate`). */
export const impersonationAttributes = (requestor: UserInfo, r: ImpersonationRequest): AuthorizationAttributes => {
  const base = {
    user: requestor,
    verb: 'impersonate',
    isResourceRequest: true,
    path: '',
    namespace: '',
    apiGroup: '',
    apiVersion: 'v1',
    subresource: '',
  }
  switch (r.kind) {
    case 'User':
      return { ...base, resource: 'users', name: r.name }
    case 'ServiceAccount':
      return { ...base, resource: 'serviceaccounts', namespace: r.namespace, name: r.name }
    case 'Group':
      return { ...base, resource: 'groups', name: r.name }
    case 'UserExtra':
      return { ...base, apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: r.key, name: r.value }
    case 'UID':
      return { ...base, apiGroup: 'authentication.k8s.io', resource: 'uids', name: r.uid }
  }
}

/**
 * The user a request becomes: name, requested groups (a service account without requested groups gets
 * `system:serviceaccounts` and `system:serviceaccounts:<ns>`), extras, uid; then `system:authenticated`
 * is added unless the groups hold it or `system:unauthenticated`, or, for `system:anonymous`,
 * `system:unauthenticated` is added unless present.
 */
export const impersonatedUser = (requests: ReadonlyArray<ImpersonationRequest>, groupsSpecified: boolean): UserInfo => {
  let name = ''
  let uid = ''
  let groups: string[] = []
  const extra: Record<string, string[]> = {}
  for (const r of requests) {
    if (r.kind === 'User') name = r.name
    else if (r.kind === 'ServiceAccount') {
      name = `system:serviceaccount:${r.namespace}:${r.name}`
      if (!groupsSpecified) groups = ['system:serviceaccounts', `system:serviceaccounts:${r.namespace}`]
    } else if (r.kind === 'Group') groups.push(r.name)
    else if (r.kind === 'UserExtra') (extra[r.key] ??= []).push(r.value)
    else uid = r.uid
  }
  if (name === wellKnown.anonymous) {
    if (!groups.includes(wellKnown.allUnauthenticated)) groups.push(wellKnown.allUnauthenticated)
  } else if (!groups.includes(wellKnown.allAuthenticated) && !groups.includes(wellKnown.allUnauthenticated))
    groups.push(wellKnown.allAuthenticated)
  return { name, uid, groups, extra }
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** Upstream `serviceaccount.SplitUsername`: `system:serviceaccount:<namespace>:<name>` with valid names. */
const userRequest = (name: string): ImpersonationRequest => {
  const prefix = 'system:serviceaccount:'
  if (!name.startsWith(prefix)) return { kind: 'User', name }
  const parts = name.slice(prefix.length).split(':')
  const [ns, sa] = parts
  const valid =
    parts.length === 2 &&
    ns !== undefined &&
    sa !== undefined &&
    ns.length <= 63 &&
    dns1123Label.test(ns) &&
    sa.length <= 253 &&
    dns1123Subdomain.test(sa)
  return valid ? { kind: 'ServiceAccount', namespace: ns, name: sa } : { kind: 'User', name }
}

/** Go's `%v` of a `v1.ObjectReference` value: `{Kind Namespace Name UID APIVersion ResourceVersion FieldPath}`. */
const goObjectReference = (r: ImpersonationRequest): string => {
  const ref = (kind: string, ns: string, name: string, apiVersion: string, fieldPath: string) =>
    `{${[kind, ns, name, '', apiVersion, '', fieldPath].join(' ')}}`
  if (r.kind === 'ServiceAccount') return ref(r.kind, r.namespace, r.name, '', '')
  if (r.kind === 'UserExtra') return ref(r.kind, '', r.value, 'authentication.k8s.io/v1', r.key)
  if (r.kind === 'UID') return ref(r.kind, '', r.uid, 'authentication.k8s.io/v1', '')
  return ref(r.kind, '', r.name, '', '')
}

/**
 * Go's `url.PathUnescape`, or the key unchanged when an escape is malformed.
 * Port note: decoded bytes that are not UTF-8 become U+FFFD (Go keeps the raw bytes).
 */
const unescapeExtraKey = (key: string): string => {
  if (!key.includes('%')) return key
  const bytes: number[] = []
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    if (c !== 37) {
      bytes.push(c & 0xff) // header names are ASCII tokens
      continue
    }
    const hex = key.slice(i + 1, i + 3)
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return key
    bytes.push(parseInt(hex, 16))
    i += 2
  }
  return Buffer.from(bytes).toString('utf8')
}
