import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { parse } from 'yaml'
import type { ApiError } from '../../core/status.js'
import { badRequest } from '../../core/status-errors.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import type { GroupVersionKind, Schema, SchemaModels } from '../schema.js'
import { mergeApplied, pruneFields } from './apply-merge.js'
import { type FieldSet, difference, intersection, pathString, union } from './field-set.js'
import { type Typing, appliedFields, compareObjects } from './field-walk.js'
import { goJsonType, tooDeep, tooDeepMessage } from './json-text.js'
import { type ManagerEntry, managersOf, printManager, sameManager, stripMeta, withManagers } from './managed-fields.js'
import { type ApplyConflict, applyConflict } from './patch-errors.js'
import { effectiveSchema } from './schema-nav.js'
import { maxYamlAliases, yamlParseOptions, yamlReviver } from '../yaml-value.js'

/** What a server-side apply needs besides the objects. */
export interface ApplyOptions {
  /** The `fieldManager` (required for apply; the handler checks it is given). */
  readonly manager: string
  /** `force=true`: take conflicting fields from their managers instead of failing. */
  readonly force: boolean
  /** RFC 3339 time stamped on the applier's entry. */
  readonly now: string
  /** The kind's schema (a `$ref` to its model is fine) and the models it refers to. */
  readonly schema: Schema
  readonly models: SchemaModels
  /** The resource's group, version and kind; defaults to the model's `x-kubernetes-group-version-kind`. */
  readonly gvk?: GroupVersionKind
}

/**
 * Decodes an `application/apply-patch+yaml` body (YAML or JSON) into the applied configuration; text that
 * is not YAML, or not a mapping, is 400 `error decoding YAML: ...`.
 * Port note: the parser's message is the `yaml` package's, where upstream quotes go-yaml's.
 */
export const decodeApplyPatch = (body: Uint8Array): E.Either<ApiError, JsonObject> => {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  const value = E.tryCatch(
    () => (parse(text, yamlReviver, { ...yamlParseOptions, maxAliasCount: maxYamlAliases }) ?? {}) as JsonValue,
    (e) => (e instanceof Error ? e.message : String(e)),
  )
  if (E.isLeft(value)) return E.left(badRequest(`error decoding YAML: ${value.left}`))
  if (tooDeep(value.right)) return E.left(badRequest(`error decoding YAML: ${tooDeepMessage}`))
  if (isJsonObject(value.right)) return E.right(value.right)
  return E.left(
    badRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goJsonType(value.right)} into Go value of type map[string]interface {}`,
    ),
  )
}

/**
 * Server-side apply (`application/apply-patch+yaml`), a faithful subset of upstream's field manager:
 * merges the applied configuration into the live object (or into nothing: create-on-apply), records
 * the fields it sets as the manager's `Apply` entry in `metadata.managedFields`, removes the fields this
 * manager applied before and no longer applies unless another manager owns them, and fails with
 * upstream's 409 (`Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a`)
 * when it would change a field another manager (applier or updater) owns, unless `force`, which moves
 * those fields to the applier. An `apiVersion`/`kind` other than the resource's is 400 `invalid object
 * type: /v1, Kind=Secret`; a configuration with `metadata.managedFields` is 400 `metadata.managedFields
 * must be nil`. Lists are atomic unless their schema makes them sets or maps (`x-kubernetes-list-type`,
 * or a `merge` patch strategy).
 * Not implemented: `before-first-apply`, the last-applied annotation
 * upgrade from client-side apply, unions, status reset fields, version conversion of managed sets.
 * @example
 * serverSideApply(O.none, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '1' } }, { manager: 'kubectl', force: false, now: '2024-01-02T03:04:05Z', schema: { $ref: 'io.k8s.api.core.v1.ConfigMap' }, models })
 */
export const serverSideApply = (live: O.Option<JsonObject>, applied: JsonObject, opts: ApplyOptions): E.Either<ApiError, JsonObject> => {
  if (tooDeep(applied)) return E.left(badRequest(`error decoding YAML: ${tooDeepMessage}`))
  const typeError = checkApplied(applied, opts)
  if (typeError !== undefined) return E.left(typeError)
  const t: Typing = { schema: opts.schema, models: opts.models }
  const base = O.isSome(live) ? withManagers(live.value, []) : {}
  const me: ManagerEntry = {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion: String(applied['apiVersion']),
    time: opts.now,
    fields: stripMeta(appliedFields(applied, t)),
  }
  const others = managersOf(O.toUndefined(live)).filter((e) => !sameManager(e, me))
  const last = managersOf(O.toUndefined(live)).find((e) => sameManager(e, me))?.fields ?? new Map()
  const kept = others.reduce((acc: FieldSet, e) => union(acc, e.fields), me.fields)
  const merged = pruneFields(mergeApplied(base, applied, t) as JsonObject, difference(last, me.fields), kept, t)
  const cmp = compareObjects(base, merged, t)
  const changed = stripMeta(union(cmp.added, cmp.modified))
  const conflicts = others.flatMap((e) =>
    [...intersection(e.fields, changed).values()].map((p) => ({ manager: printManager(e), path: pathString(p) })),
  )
  if (conflicts.length > 0 && !opts.force) return E.left(applyConflict(sortConflicts(conflicts)))
  const removed = stripMeta(cmp.removed)
  const rest = others.map((e) => ({ ...e, fields: difference(difference(e.fields, changed), removed) }))
  return E.right(withManagers(merged, [me, ...rest]))
}

const sortConflicts = (cs: ReadonlyArray<ApplyConflict>): ReadonlyArray<ApplyConflict> =>
  [...cs].sort((a, b) => (a.manager !== b.manager ? (a.manager < b.manager ? -1 : 1) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

/** Upstream's checks of the applied object before it is merged (`versionCheckManager`, `structuredMergeManager`). */
const checkApplied = (applied: JsonObject, opts: ApplyOptions): ApiError | undefined => {
  const want = opts.gvk ?? effectiveSchema(opts.schema, opts.models)?.['x-kubernetes-group-version-kind']?.[0]
  const got = gvkOf(applied)
  if (want !== undefined && (got.group !== want.group || got.version !== want.version || got.kind !== want.kind)) {
    return badRequest(`invalid object type: ${got.group}/${got.version}, Kind=${got.kind}`)
  }
  const meta = applied['metadata']
  if (isJsonObject(meta) && Array.isArray(meta['managedFields'])) return badRequest('metadata.managedFields must be nil')
  return undefined
}

/** The group, version and kind an object names (`FromAPIVersionAndKind`: a malformed apiVersion names none). */
const gvkOf = (o: JsonObject): GroupVersionKind => {
  const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : ''
  const kind = typeof o['kind'] === 'string' ? o['kind'] : ''
  const parts = apiVersion.split('/')
  if (apiVersion === '') return { group: '', version: '', kind }
  if (parts.length === 1) return { group: '', version: apiVersion, kind }
  if (parts.length === 2) return { group: parts[0] as string, version: parts[1] as string, kind }
  return { group: '', version: '', kind }
}
