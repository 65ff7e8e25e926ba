import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Problem } from '../config/problems.js'

/** The RBAC API group. */
export const rbacGroup = 'rbac.authorization.k8s.io'
const rbacV1 = `${rbacGroup}/v1`

const strings = t.union([t.readonlyArray(t.string), t.null])

/** `rbac.authorization.k8s.io/v1` PolicyRule. */
export const PolicyRule = t.readonly(
  t.intersection([
    t.type({ verbs: t.readonlyArray(t.string) }),
    t.partial({ apiGroups: strings, resources: strings, resourceNames: strings, nonResourceURLs: strings }),
  ]),
  'PolicyRule',
)
export type PolicyRule = t.TypeOf<typeof PolicyRule>

/** A subject of a binding: `User`, `Group` or `ServiceAccount`. */
export const Subject = t.readonly(
  t.intersection([
    t.type({ kind: t.keyof({ User: null, Group: null, ServiceAccount: null }), name: t.string }),
    t.partial({ namespace: t.string, apiGroup: t.string }),
  ]),
  'Subject',
)
export type Subject = t.TypeOf<typeof Subject>

/** A binding's reference to a Role or ClusterRole. */
export const RoleRef = t.readonly(
  t.type({ apiGroup: t.string, kind: t.keyof({ Role: null, ClusterRole: null }), name: t.string }),
  'RoleRef',
)
export type RoleRef = t.TypeOf<typeof RoleRef>

const clusterMeta = t.readonly(t.type({ name: t.string }), 'ObjectMeta')
const namespacedMeta = t.readonly(t.type({ name: t.string, namespace: t.string }), 'ObjectMeta')
const rules = t.union([t.readonlyArray(PolicyRule), t.null])
const subjects = t.union([t.readonlyArray(Subject), t.null])

/** A namespaced Role. */
export const Role = t.readonly(
  t.intersection([t.type({ kind: t.literal('Role'), metadata: namespacedMeta }), t.partial({ rules })]),
  'Role',
)
export type Role = t.TypeOf<typeof Role>

/** A ClusterRole; `aggregationRule` is accepted but not evaluated (no aggregation controller). */
export const ClusterRole = t.readonly(
  t.intersection([t.type({ kind: t.literal('ClusterRole'), metadata: clusterMeta }), t.partial({ rules, aggregationRule: t.unknown })]),
  'ClusterRole',
)
export type ClusterRole = t.TypeOf<typeof ClusterRole>

/** A RoleBinding: grants a Role or ClusterRole within its namespace. */
export const RoleBinding = t.readonly(
  t.intersection([t.type({ kind: t.literal('RoleBinding'), metadata: namespacedMeta, roleRef: RoleRef }), t.partial({ subjects })]),
  'RoleBinding',
)
export type RoleBinding = t.TypeOf<typeof RoleBinding>

/** A ClusterRoleBinding: grants a ClusterRole everywhere. */
export const ClusterRoleBinding = t.readonly(
  t.intersection([t.type({ kind: t.literal('ClusterRoleBinding'), metadata: clusterMeta, roleRef: RoleRef }), t.partial({ subjects })]),
  'ClusterRoleBinding',
)
export type ClusterRoleBinding = t.TypeOf<typeof ClusterRoleBinding>

/** Any one RBAC object. */
export type RbacObject = Role | ClusterRole | RoleBinding | ClusterRoleBinding

/** The RBAC objects an authorizer is built from, in the order they were given. */
export interface RbacObjects {
  readonly roles: ReadonlyArray<Role>
  readonly clusterRoles: ReadonlyArray<ClusterRole>
  readonly roleBindings: ReadonlyArray<RoleBinding>
  readonly clusterRoleBindings: ReadonlyArray<ClusterRoleBinding>
}

/** No RBAC objects. */
export const noRbacObjects: RbacObjects = { roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] }

const codecs: Readonly<Record<string, t.Decoder<unknown, RbacObject>>> = { Role, ClusterRole, RoleBinding, ClusterRoleBinding }
const listKinds: Readonly<Record<string, string>> = {
  RoleList: 'Role',
  ClusterRoleList: 'ClusterRole',
  RoleBindingList: 'RoleBinding',
  ClusterRoleBindingList: 'ClusterRoleBinding',
}

/**
 * Decodes one document (`at` names it in problems, e.g. `rbac.yaml[2]`): an RBAC v1 object, a typed
 * list (`RoleList`, ...) or a `v1` `List`; unknown kinds and apiVersions are refused.
 * @example
 * decodeRbacDocument({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' } }, 'doc[0]')
 */
export const decodeRbacDocument = (doc: unknown, at: string): E.Either<ReadonlyArray<Problem>, ReadonlyArray<RbacObject>> => {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return E.left([{ path: at, message: `expected an object, got ${JSON.stringify(doc) ?? 'nothing'}` }])
  const { apiVersion, kind, items } = doc as { apiVersion?: unknown; kind?: unknown; items?: unknown }
  const isList =
    (kind === 'List' && apiVersion === 'v1') || (typeof kind === 'string' && listKinds[kind] !== undefined && apiVersion === rbacV1)
  if (isList) return decodeItems(items, at, typeof kind === 'string' ? listKinds[kind] : undefined)
  const codec = typeof kind === 'string' && Object.hasOwn(codecs, kind) ? codecs[kind] : undefined
  if (codec === undefined || apiVersion !== rbacV1) {
    return E.left([
      {
        path: at,
        message: `unknown kind ${JSON.stringify(kind) ?? 'nothing'} of apiVersion ${JSON.stringify(apiVersion) ?? 'nothing'}, expected ${rbacV1} Role, ClusterRole, RoleBinding, ClusterRoleBinding or their lists, or a v1 List`,
      },
    ])
  }
  const decoded = codec.decode(doc)
  if (E.isLeft(decoded)) return E.left(decodeProblems(decoded.left, `${at} (${String(kind)})`))
  return E.right([decoded.right])
}

const decodeItems = (items: unknown, at: string, only: string | undefined): E.Either<ReadonlyArray<Problem>, ReadonlyArray<RbacObject>> => {
  if (!Array.isArray(items))
    return E.left([{ path: `${at}.items`, message: `expected an array, got ${JSON.stringify(items) ?? 'nothing'}` }])
  const problems: Problem[] = []
  const out: RbacObject[] = []
  items.forEach((item: unknown, i) => {
    const kind = (item as { kind?: unknown } | null)?.kind
    if (only !== undefined && kind !== only)
      problems.push({ path: `${at}.items[${i}]`, message: `expected kind ${only}, got ${JSON.stringify(kind) ?? 'nothing'}` })
    else
      E.fold(
        (p: ReadonlyArray<Problem>) => void problems.push(...p),
        (o: ReadonlyArray<RbacObject>) => void out.push(...o),
      )(decodeRbacDocument(item, `${at}.items[${i}]`))
  })
  return problems.length > 0 ? E.left(problems) : E.right(out)
}

const decodeProblems = (errors: t.Errors, at: string): ReadonlyArray<Problem> => {
  const seen = new Set<string>()
  const out: Problem[] = []
  const isNullAlternative = (e: t.ValidationError): boolean =>
    (e.context[e.context.length - 1]?.type as { readonly _tag?: string } | undefined)?._tag === 'NullType'
  const relevant = errors.some((e) => !isNullAlternative(e)) ? errors.filter((e) => !isNullAlternative(e)) : errors
  for (const e of relevant) {
    const path = fieldPath(e.context)
    const last = e.context[e.context.length - 1]
    const p = {
      path: path === '' ? at : `${at}.${path}`,
      message: `expected ${last?.type.name ?? 'a valid value'}, got ${JSON.stringify(e.value) ?? 'nothing'}`,
    }
    const key = `${p.path}\n${p.message}`
    if (!seen.has(key)) out.push(p)
    seen.add(key)
  }
  return out
}

/** `rules[1].verbs` from an io-ts context: array indexes in brackets, union/intersection members skipped. */
const fieldPath = (context: t.Context): string => {
  let path = ''
  context.forEach((c, i) => {
    const parent = context[i - 1]
    if (i === 0 || parent === undefined || !structural(parent.type)) return
    path += /^\d+$/.test(c.key) ? `[${c.key}]` : path === '' ? c.key : `.${c.key}`
  })
  return path
}

const structural = (type: t.Decoder<unknown, unknown>): boolean => {
  let base = type as unknown as { readonly _tag?: string; readonly type?: unknown }
  while (base._tag === 'ReadonlyType' && base.type !== undefined) base = base.type as typeof base
  return base._tag === 'InterfaceType' || base._tag === 'PartialType' || base._tag === 'ReadonlyArrayType' || base._tag === 'ArrayType'
}
