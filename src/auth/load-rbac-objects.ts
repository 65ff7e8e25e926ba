import { readFile } from 'node:fs/promises'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { parseAllDocuments } from 'yaml'
import { type ConfigError, type Problem, configError } from '../config/problems.js'
import {
  type PolicyRule,
  type RbacObject,
  type RbacObjects,
  type RoleRef,
  type Subject,
  decodeRbacDocument,
  noRbacObjects,
  rbacGroup,
} from './rbac-objects.js'

/**
 * Reads RBAC objects from files (YAML, several documents per file, or JSON), in order. Every bad
 * document of every file is reported, each problem naming `file[index]` and the field.
 * @example
 * const objects = await loadRbacObjects(['/etc/kubechain/rbac.yaml'])() // right(RbacObjects) or left(ConfigError)
 */
export const loadRbacObjects =
  (paths: ReadonlyArray<string>): TE.TaskEither<ConfigError, RbacObjects> =>
  async () => {
    const files = await Promise.all(paths.map((path) => loadFile(path)()))
    const problems = files.flatMap((f) => (E.isLeft(f) ? f.left : []))
    return problems.length > 0
      ? E.left(configError(problems))
      : E.right(mergeRbacObjects(...files.flatMap((f) => (E.isRight(f) ? [f.right] : []))))
  }

const loadFile = (path: string): TE.TaskEither<ReadonlyArray<Problem>, RbacObjects> =>
  pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (e): ReadonlyArray<Problem> => [{ path, message: `failed to read file: ${e instanceof Error ? e.message : String(e)}` }],
    ),
    TE.chainEitherK((text) => parseDocuments(text, path)),
  )

/** Parses RBAC objects from YAML or JSON text; `source` names the text in problems. */
export const parseRbacObjects = (text: string, source = 'rbac'): E.Either<ConfigError, RbacObjects> =>
  E.mapLeft(configError)(parseDocuments(text, source))

/** Concatenates object sets in order. */
export const mergeRbacObjects = (...sets: ReadonlyArray<RbacObjects>): RbacObjects => ({
  roles: sets.flatMap((s) => s.roles),
  clusterRoles: sets.flatMap((s) => s.clusterRoles),
  roleBindings: sets.flatMap((s) => s.roleBindings),
  clusterRoleBindings: sets.flatMap((s) => s.clusterRoleBindings),
})

const parseDocuments = (text: string, source: string): E.Either<ReadonlyArray<Problem>, RbacObjects> => {
  const docs = E.tryCatch(
    () => parseAllDocuments(text),
    (e) => [{ path: source, message: `invalid YAML or JSON: ${String(e)}` }],
  )
  if (E.isLeft(docs)) return docs
  if (!Array.isArray(docs.right)) return E.left([{ path: source, message: 'invalid YAML or JSON' }])
  const problems: Problem[] = []
  const objects: RbacObject[] = []
  docs.right.forEach((doc, i) => {
    const at = `${source}[${i}]`
    if (doc.errors.length > 0)
      return void problems.push(...doc.errors.map((e) => ({ path: at, message: `invalid YAML or JSON: ${oneLine(e.message)}` })))
    if (doc.contents === null) return
    const decoded = pipe(
      E.tryCatch(
        () => doc.toJS() as unknown,
        (e) => [{ path: at, message: `invalid YAML or JSON: ${String(e)}` }],
      ),
      E.chain((value) => (value === null || value === undefined ? E.right([]) : decodeRbacDocument(value, at))),
    )
    if (E.isLeft(decoded)) return void problems.push(...decoded.left)
    decoded.right.forEach(
      (o) => (validateObject(o, `${at} (${o.kind} ${JSON.stringify(o.metadata.name)})`).forEach((p) => problems.push(p)), objects.push(o)),
    )
  })
  return problems.length > 0 ? E.left(problems) : E.right(collect(objects))
}

const collect = (objects: ReadonlyArray<RbacObject>): RbacObjects => ({
  ...noRbacObjects,
  roles: objects.flatMap((o) => (o.kind === 'Role' ? [o] : [])),
  clusterRoles: objects.flatMap((o) => (o.kind === 'ClusterRole' ? [o] : [])),
  roleBindings: objects.flatMap((o) => (o.kind === 'RoleBinding' ? [o] : [])),
  clusterRoleBindings: objects.flatMap((o) => (o.kind === 'ClusterRoleBinding' ? [o] : [])),
})

/** Upstream's validation beyond types (`pkg/apis/rbac/validation`), with lowercase messages. */
const validateObject = (o: RbacObject, at: string): ReadonlyArray<Problem> => {
  const out: Problem[] = []
  const bad = (path: string, message: string) => void out.push({ path: `${at}.${path}`, message })
  if (o.metadata.name === '') bad('metadata.name', 'name is required')
  const namespaced = o.kind === 'Role' || o.kind === 'RoleBinding'
  if (namespaced && o.metadata.namespace === '') bad('metadata.namespace', 'namespace is required')
  if (o.kind === 'Role' || o.kind === 'ClusterRole')
    (o.rules ?? []).forEach((r, i) => validateRule(r, namespaced, (p, m) => bad(`rules[${i}].${p}`, m)))
  else {
    validateRoleRef(o.roleRef, o.kind === 'RoleBinding', (p, m) => bad(`roleRef.${p}`, m))
    ;(o.subjects ?? []).forEach((s, i) => validateSubject(s, namespaced, (p, m) => bad(`subjects[${i}].${p}`, m)))
  }
  return out
}

type Report = (path: string, message: string) => void

const validateRule = (r: PolicyRule, namespaced: boolean, bad: Report): void => {
  const some = (xs: ReadonlyArray<string> | null | undefined): boolean => (xs ?? []).length > 0
  if (r.verbs.length === 0) bad('verbs', 'verbs must contain at least one value')
  if (some(r.nonResourceURLs)) {
    if (namespaced) bad('nonResourceURLs', 'namespaced rules cannot apply to non-resource URLs')
    if (some(r.apiGroups) || some(r.resources) || some(r.resourceNames))
      bad('nonResourceURLs', 'rules cannot apply to both regular resources and non-resource URLs')
    return
  }
  if (!some(r.apiGroups)) bad('apiGroups', 'resource rules must supply at least one api group')
  if (!some(r.resources)) bad('resources', 'resource rules must supply at least one resource')
}

const validateRoleRef = (ref: RoleRef, inRoleBinding: boolean, bad: Report): void => {
  if (ref.apiGroup !== rbacGroup) bad('apiGroup', `expected ${JSON.stringify(rbacGroup)}, got ${JSON.stringify(ref.apiGroup)}`)
  if (!inRoleBinding && ref.kind !== 'ClusterRole')
    bad('kind', `a ClusterRoleBinding can only refer to a ClusterRole, got ${JSON.stringify(ref.kind)}`)
  if (ref.name === '') bad('name', 'name is required')
}

const validateSubject = (s: Subject, inRoleBinding: boolean, bad: Report): void => {
  if (s.name === '') bad('name', 'name is required')
  if (s.kind === 'ServiceAccount') {
    if ((s.apiGroup ?? '') !== '') bad('apiGroup', `expected "" for a ServiceAccount, got ${JSON.stringify(s.apiGroup)}`)
    if (!inRoleBinding && (s.namespace ?? '') === '') bad('namespace', 'a ServiceAccount subject of a ClusterRoleBinding needs a namespace')
  } else if (s.apiGroup !== undefined && s.apiGroup !== rbacGroup) {
    bad('apiGroup', `expected ${JSON.stringify(rbacGroup)} for a ${s.kind}, got ${JSON.stringify(s.apiGroup)}`)
  }
}

/** A YAML error's text without the source excerpt the yaml library appends: it keeps `at line <n>, column <m>`. */
const oneLine = (message: string): string => (message.split('\n')[0] ?? '').replace(/:$/, '')
