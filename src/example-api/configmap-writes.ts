import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as O from 'fp-ts/lib/Option.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Clock } from '../core/clock.js'
import type { Request } from '../core/request.js'
import type { HttpResponse } from '../core/response.js'
import { type ApiError, toResponse } from '../core/status.js'
import { badRequest, notFound } from '../core/status-errors.js'
import { type DeleteOptions, preconditionFailure, readDeleteOptions } from '../endpoints/delete-options.js'
import type { JsonObject } from '../endpoints/json-value.js'
import { readObject } from '../endpoints/read-object.js'
import type { ObjectResponder } from '../endpoints/object-response.js'
import type { SchemaModels } from '../endpoints/schema.js'
import { type OptionsKind, type WriteOptions, writeOptions } from '../endpoints/write-options.js'
import { conflict, invalid, staleObjectMessage } from '../endpoints/api-errors.js'
import { patchConfigMap } from './configmap-patch.js'
import { type ConfigMap, type ConfigMapInput, decodeConfigMap } from './configmap-codec.js'
import { configMapDefinition } from './configmap-definition.js'
import { type ConfigMapDraft, type ConfigMapStore, rfc3339 } from './configmap-store.js'
import { recordUpdate } from '../endpoints/patch/managed-fields.js'
import { validateConfigMap, validateConfigMapUpdate } from './configmap-validation.js'

export { maxRequestBodyBytes } from '../endpoints/read-object.js'

/** What the writes need besides the store: random `generateName` suffixes, the clock, and the models bodies are checked against. */
export interface WriteDeps {
  readonly random: () => number
  readonly clock: Clock
  readonly models: SchemaModels
}

/** How a checked object is stored: the write's options, and whether it records an Update entry in managedFields (server-side apply records its own). */
export type StoreOptions = WriteOptions & { readonly recordsUpdate?: boolean }

/** The write operations on ConfigMaps, each answering a complete response. */
export interface ConfigMapWrites {
  readonly create: (req: Request, namespace: string, respond: ObjectResponder) => T.Task<HttpResponse>
  readonly update: (req: Request, namespace: string, name: string, respond: ObjectResponder) => T.Task<HttpResponse>
  readonly patch: (req: Request, namespace: string, name: string, respond: ObjectResponder) => T.Task<HttpResponse>
  readonly remove: (req: Request, namespace: string, name: string, respond: ObjectResponder) => T.Task<HttpResponse>
  /** Checks and stores an object a patch produced, as an update does (`fieldManager` already applied). */
  readonly store: (input: ConfigMapInput, namespace: string, name: string, opts: StoreOptions, creating: boolean) => E.Either<ApiError, ConfigMap>
}

const namespaceMismatch = 'the namespace of the provided object does not match the namespace sent on the request'
const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789'

/**
 * Builds create (201 with the object), update (200; 404 missing, 409 on a stale resourceVersion, 422
 * invalid or immutable) and delete (200 with upstream's Success Status). Bodies are JSON or YAML
 * (`readObject`: 3 MiB, 415 other types, `fieldValidation`); `dryRun=All` checks everything and stores
 * nothing, answering what would have been stored (no resourceVersion on a create, as upstream).
 * `random` draws `generateName` suffixes (5 characters, as upstream).
 * @example
 * const writes = configMapWrites(store, { random: Math.random, clock: systemClock, models })
 */
export const configMapWrites = (store: ConfigMapStore, deps: WriteDeps): ConfigMapWrites => {
  const suffix = (): string => Array.from({ length: 5 }, () => NAME_CHARS[Math.floor(deps.random() * NAME_CHARS.length)]).join('')
  const managed = managedBy(deps)
  const create = (input: ConfigMapInput, namespace: string, opts: StoreOptions): E.Either<ApiError, ConfigMap> => {
    const meta = input.metadata ?? {}
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) return E.left(badRequest(namespaceMismatch))
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
      return E.left(badRequest('resourceVersion should not be set on objects to be created'))
    }
    const generate = (meta.name === undefined || meta.name === '') && meta.generateName !== undefined && meta.generateName !== ''
    const draft = toDraft(input, namespace, generate ? `${meta.generateName}${suffix()}` : (meta.name ?? ''))
    const errs = validateConfigMap(asStored(draft))
    return errs.length > 0 ? E.left(invalid('', 'ConfigMap', draft.metadata.name, errs)) : store.create(managed(O.none, draft, opts), opts.dryRun)
  }
  const write = (
    req: Request,
    kind: OptionsKind,
    status: number,
    apply: (input: ConfigMapInput, opts: WriteOptions) => E.Either<ApiError, ConfigMap>,
    respond: ObjectResponder,
  ): T.Task<HttpResponse> =>
    pipe(
      TE.fromEither(writeOptions(req, kind)),
      TE.chain((opts) =>
        pipe(
          readObject(req, configMapDefinition, deps.models, opts.fieldValidation),
          TE.chainEitherK((object: JsonObject) => decodeConfigMap(object)),
          TE.chainEitherK((input) => apply(input, opts)),
        ),
      ),
      TE.match(toResponse, (cm) => respond(status, cm as unknown as JsonObject)),
    )
  const writes: ConfigMapWrites = {
    create: (req, namespace, respond) => write(req, 'CreateOptions', 201, (input, opts) => create(input, namespace, opts), respond),
    update: (req, namespace, name, respond) => write(req, 'UpdateOptions', 200, (input, opts) => update(store, input, namespace, name, opts, managed), respond),
    patch: (req, namespace, name, respond) => patchConfigMap(req, namespace, name, { store, models: deps.models, clock: deps.clock, write: writes.store }, respond),
    remove: (req, namespace, name, respond) =>
      pipe(
        readDeleteOptions(req),
        TE.chainEitherK((opts) => remove(store, namespace, name, opts)),
        TE.match(toResponse, (old) => respond(200, deletedStatus(old))),
      ),
    store: (input, namespace, name, opts, creating) => (creating ? create(input, namespace, opts) : update(store, input, namespace, name, opts, managed)),
  }
  return writes
}

type Managed = (old: O.Option<ConfigMap>, draft: ConfigMapDraft, opts: StoreOptions) => ConfigMapDraft

/**
 * Records a write in `metadata.managedFields` as upstream's field manager does for an Update: the
 * fields it added or changed move to the write's manager; managed fields a client sent are not taken
 * (the old object's are). Server-side apply's result already carries its entries and is kept.
 */
const managedBy =
  (deps: WriteDeps): Managed =>
  (old, draft, opts) => {
    if (opts.recordsUpdate === false) return draft
    const before = O.map((cm: ConfigMap) => cm as unknown as JsonObject)(old)
    const prior = O.isSome(old) ? old.value.metadata.managedFields : undefined
    const { managedFields: _, ...meta } = draft.metadata
    const next = { ...draft, metadata: prior === undefined ? meta : { ...meta, managedFields: prior } } as unknown as JsonObject
    return recordUpdate(before, next, opts.manager, rfc3339(deps.clock.now()), { schema: { $ref: configMapDefinition.model }, models: deps.models }) as unknown as ConfigMapDraft
  }

const update = (store: ConfigMapStore, input: ConfigMapInput, namespace: string, name: string, opts: StoreOptions, managed: Managed): E.Either<ApiError, ConfigMap> => {
  const meta = input.metadata ?? {}
  const bodyName = meta.name ?? ''
  if (bodyName !== name) return E.left(badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`))
  if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) return E.left(badRequest(namespaceMismatch))
  const old = store.get(namespace, name)
  if (O.isNone(old)) return E.left(notFound('', 'configmaps', name))
  const rv = meta.resourceVersion ?? ''
  if (rv !== '' && rv !== old.value.metadata.resourceVersion) return E.left(conflict('', 'configmaps', name, staleObjectMessage))
  const draft = toDraft(input, namespace, name)
  const errs = validateConfigMapUpdate(asStored(draft, old.value), old.value)
  return errs.length > 0 ? E.left(invalid('', 'ConfigMap', name, errs)) : store.update(managed(old, draft, opts), opts.dryRun)
}

/** Deletes one ConfigMap unless a precondition fails (409, as upstream's storage words it); a dry run deletes nothing. */
const remove = (store: ConfigMapStore, namespace: string, name: string, opts: DeleteOptions): E.Either<ApiError, ConfigMap> => {
  const live = store.get(namespace, name)
  if (O.isNone(live)) return E.left(notFound('', 'configmaps', name))
  const failed = preconditionFailure(opts, live.value.metadata)
  return failed === undefined ? store.remove(namespace, name, opts.dryRun) : E.left(conflict('', 'configmaps', name, failed))
}

/** The draft of an object from what the client sent; server-owned fields are dropped. */
const toDraft = (input: ConfigMapInput, namespace: string, name: string): ConfigMapDraft => {
  const m = input.metadata ?? {}
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: {
      name,
      ...(m.generateName ? { generateName: m.generateName } : {}),
      namespace,
      ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
      ...(filled(m.labels) ? { labels: m.labels } : {}),
      ...(filled(m.annotations) ? { annotations: m.annotations } : {}),
      ...(m.ownerReferences && m.ownerReferences.length > 0 ? { ownerReferences: m.ownerReferences as ReadonlyArray<JsonObject> } : {}),
      ...(m.finalizers && m.finalizers.length > 0 ? { finalizers: m.finalizers } : {}),
      ...(m.managedFields && m.managedFields.length > 0 ? { managedFields: m.managedFields as ReadonlyArray<JsonObject> } : {}),
    },
    ...(input.immutable !== undefined ? { immutable: input.immutable } : {}),
    ...(filled(input.data) ? { data: input.data } : {}),
    ...(filled(input.binaryData) ? { binaryData: input.binaryData } : {}),
  }
}

/** A map Go's `omitempty` keeps: present and not empty. */
const filled = <A>(m: Readonly<Record<string, A>> | undefined): m is Readonly<Record<string, A>> => m !== undefined && Object.keys(m).length > 0

const asStored = (draft: ConfigMapDraft, like?: ConfigMap): ConfigMap => ({
  ...draft,
  metadata: { ...draft.metadata, uid: like?.metadata.uid ?? '', creationTimestamp: '', resourceVersion: '' },
})

/** Upstream's answer to deleting a ConfigMap: a Success Status naming it (no `code`: it is zero, left out). */
const deletedStatus = (old: ConfigMap): JsonObject => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  details: { name: old.metadata.name, kind: 'configmaps', uid: old.metadata.uid },
})
