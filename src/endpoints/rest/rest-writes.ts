import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as O from 'fp-ts/lib/Option.js'
import type * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Clock } from '../../core/clock.js'
import type { Request } from '../../core/request.js'
import type { HttpResponse } from '../../core/response.js'
import { type ApiError, toResponse } from '../../core/status.js'
import { badRequest, notFound } from '../../core/status-errors.js'
import { conflict, invalid, staleObjectMessage } from '../api-errors.js'
import { type DeleteOptions, preconditionFailure, readDeleteOptions } from '../delete-options.js'
import type { JsonObject } from '../json-value.js'
import type { ObjectResponder } from '../object-response.js'
import { readObject } from '../read-object.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { SchemaModels } from '../schema.js'
import { type OptionsKind, type WriteOptions, writeOptions } from '../write-options.js'
import { metaString } from './object-meta.js'
import type { ObjectStore } from './object-store.js'
import { patchObject } from './patch-object.js'
import type { ResourceStrategy } from './resource-strategy.js'
import { type Managed, type StoreOptions, asStored, deletedStatus, managedBy, toDraft } from './write-draft.js'

/** What the writes need besides the store: random `generateName` suffixes, the clock, and the models bodies are checked against. */
export interface WriteDeps {
  readonly random: () => number
  readonly clock: Clock
  readonly models: SchemaModels
}

/** The write operations on one resource, each answering a complete response; `namespace` is `''` for a cluster-scoped one. */
export interface RestWrites {
  readonly create: (req: Request, namespace: string, respond: ObjectResponder) => T.Task<HttpResponse>
  readonly update: (req: Request, namespace: string, name: string, respond: ObjectResponder) => T.Task<HttpResponse>
  readonly patch: (req: Request, namespace: string, name: string, respond: ObjectResponder) => T.Task<HttpResponse>
  readonly remove: (req: Request, namespace: string, name: string, respond: ObjectResponder) => T.Task<HttpResponse>
  /** Checks and stores a decoded object as a create or an update does (a patch's result; `fieldManager` already applied). */
  readonly store: (
    input: JsonObject,
    namespace: string,
    name: string,
    opts: StoreOptions,
    creating: boolean,
  ) => E.Either<ApiError, JsonObject>
}

const namespaceMismatch = 'the namespace of the provided object does not match the namespace sent on the request'
const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789'

/**
 * Builds create (201 with the object), update (200; 404 missing, 409 on a stale resourceVersion, 422
 * when `strategy` finds it invalid), patch (`patchObject`) and delete (200 with upstream's Success
 * Status; DeleteOptions preconditions are 409). Bodies are JSON, YAML or protobuf (`readObject`: 3 MiB,
 * 415 other types, `fieldValidation`) typed by `strategy.decode`; `dryRun=All` checks everything and
 * stores nothing, answering what would have been stored (no resourceVersion on a create, as upstream).
 * `random` draws `generateName` suffixes (5 characters, as upstream).
 * @example
 * const writes = restWrites(configMapDefinition, store, defaultStrategy, { random: Math.random, clock: systemClock, models })
 */
export const restWrites = <A>(
  def: ResourceDefinition,
  typedStore: ObjectStore<A>,
  strategy: ResourceStrategy,
  deps: WriteDeps,
): RestWrites => {
  const store = typedStore as unknown as ObjectStore
  const suffix = (): string => Array.from({ length: 5 }, () => NAME_CHARS[Math.floor(deps.random() * NAME_CHARS.length)]).join('')
  const w: Writing = { def, store, strategy, managed: managedBy(def, deps), suffix }
  const create = (input: JsonObject, namespace: string, opts: StoreOptions): E.Either<ApiError, JsonObject> =>
    created(w, input, namespace, opts)
  const update = (input: JsonObject, namespace: string, name: string, opts: StoreOptions): E.Either<ApiError, JsonObject> =>
    updated(w, input, namespace, name, opts)
  const write = (
    req: Request,
    kind: OptionsKind,
    status: number,
    apply: (input: JsonObject, opts: WriteOptions) => E.Either<ApiError, JsonObject>,
    respond: ObjectResponder,
  ): T.Task<HttpResponse> =>
    pipe(
      TE.fromEither(writeOptions(req, kind)),
      TE.chain((opts) =>
        pipe(
          readObject(req, def, deps.models, opts.fieldValidation),
          TE.chainEitherK(strategy.decode),
          TE.chainEitherK((input) => apply(input, opts)),
        ),
      ),
      TE.match(toResponse, (object) => respond(status, object)),
    )
  const writes: RestWrites = {
    create: (req, namespace, respond) => write(req, 'CreateOptions', 201, (input, opts) => create(input, namespace, opts), respond),
    update: (req, namespace, name, respond) =>
      write(req, 'UpdateOptions', 200, (input, opts) => update(input, namespace, name, opts), respond),
    patch: (req, namespace, name, respond) =>
      patchObject(def, req, namespace, name, { store, strategy, models: deps.models, clock: deps.clock, write: writes.store }, respond),
    remove: (req, namespace, name, respond) =>
      pipe(
        readDeleteOptions(req),
        TE.chainEitherK((opts) => remove(def, store, namespace, name, opts)),
        TE.match(toResponse, (old) => respond(200, deletedStatus(def, old))),
      ),
    store: (input, namespace, name, opts, creating) => (creating ? create(input, namespace, opts) : update(input, namespace, name, opts)),
  }
  return writes
}

/** What a create or an update needs: the resource, its store and strategy, managed fields, and generated name suffixes. */
interface Writing {
  readonly def: ResourceDefinition
  readonly store: ObjectStore
  readonly strategy: ResourceStrategy
  readonly managed: Managed
  readonly suffix: () => string
}

/** Creates an object from a decoded body (400 on a resourceVersion or another namespace, 422 when invalid). */
const created = (
  { def, store, strategy, managed, suffix }: Writing,
  input: JsonObject,
  namespace: string,
  opts: StoreOptions,
): E.Either<ApiError, JsonObject> => {
  const given = metaString(input, 'namespace')
  if (given !== '' && namespace !== '' && given !== namespace) return E.left(badRequest(namespaceMismatch))
  if (metaString(input, 'resourceVersion') !== '') return E.left(badRequest('resourceVersion should not be set on objects to be created'))
  const name = metaString(input, 'name')
  const generateName = metaString(input, 'generateName')
  const drafted = toDraft(
    def,
    input,
    namespace,
    name === '' && generateName !== '' ? `${generateName}${suffix()}` : name,
    strategy.fieldOrder,
  )
  const draft = strategy.prepareForCreate?.(drafted) ?? drafted
  const errs = strategy.validate(asStored(draft))
  return errs.length > 0
    ? E.left(invalid(def.group, def.kind, metaString(draft, 'name'), errs))
    : store.create(managed(O.none, draft, opts), opts.dryRun)
}

/** Updates an object from a decoded body (400 on another name or namespace, 404 missing, 409 stale, 422 invalid). */
const updated = (
  { def, store, strategy, managed }: Writing,
  input: JsonObject,
  namespace: string,
  name: string,
  opts: StoreOptions,
): E.Either<ApiError, JsonObject> => {
  const bodyName = metaString(input, 'name')
  if (bodyName !== name) return E.left(badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`))
  const given = metaString(input, 'namespace')
  if (given !== '' && namespace !== '' && given !== namespace) return E.left(badRequest(namespaceMismatch))
  const old = store.get(namespace, name)
  if (O.isNone(old)) return E.left(notFound(def.group, def.resource, name))
  const rv = metaString(input, 'resourceVersion')
  if (rv !== '' && rv !== metaString(old.value, 'resourceVersion'))
    return E.left(conflict(def.group, def.resource, name, staleObjectMessage))
  const drafted = toDraft(def, input, namespace, name, strategy.fieldOrder)
  const draft = strategy.prepareForUpdate?.(drafted, old.value) ?? drafted
  const errs = strategy.validateUpdate(asStored(draft, old.value), old.value)
  return errs.length > 0 ? E.left(invalid(def.group, def.kind, name, errs)) : store.update(managed(old, draft, opts), opts.dryRun)
}

/** Deletes one object unless a precondition fails (409, as upstream's storage words it); a dry run deletes nothing. */
const remove = (
  def: ResourceDefinition,
  store: ObjectStore,
  namespace: string,
  name: string,
  opts: DeleteOptions,
): E.Either<ApiError, JsonObject> => {
  const live = store.get(namespace, name)
  if (O.isNone(live)) return E.left(notFound(def.group, def.resource, name))
  const failed = preconditionFailure(opts, {
    uid: metaString(live.value, 'uid'),
    resourceVersion: metaString(live.value, 'resourceVersion'),
  })
  return failed === undefined ? store.remove(namespace, name, opts.dryRun) : E.left(conflict(def.group, def.resource, name, failed))
}
