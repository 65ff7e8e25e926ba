import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Clock } from '../../core/clock.js'
import type { ApiError } from '../../core/status.js'
import { notFound } from '../../core/status-errors.js'
import { alreadyExists, conflict, staleObjectMessage, unknownError } from '../api-errors.js'
import type { JsonObject } from '../json-value.js'
import type { ResourceDefinition } from '../resource-definition.js'
import { inGoOrder, metaString, rfc3339, withMeta } from './object-meta.js'
import { parseResourceVersion } from './resource-version.js'
import { type WatchHistory, inNamespace, newWatchHistory } from './watch-history.js'

/** A change as a watch sees it; `previous` is the object before a MODIFIED or DELETED change. */
export interface ObjectStoreEvent<A = JsonObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'
  readonly object: A
  readonly previous?: A
}

/** An object before the store stamps it: no uid or creationTimestamp, and a resourceVersion only as a precondition. */
export type Draft<A> = A extends { readonly metadata: infer M }
  ? Omit<A, 'metadata'> & {
      readonly metadata: Omit<M, 'uid' | 'creationTimestamp' | 'resourceVersion'> & { readonly resourceVersion?: string }
    }
  : A

/** A list and the store's resourceVersion when it was taken. */
export interface Listed<A = JsonObject> {
  readonly items: ReadonlyArray<A>
  readonly resourceVersion: string
}

/** In-memory objects of one resource; every mutation takes the next resourceVersion and tells watchers. */
export interface ObjectStore<A = JsonObject> {
  /** Objects of `namespace` (`''`: every namespace, and always for a cluster-scoped resource), ordered by namespace then name. */
  readonly list: (namespace: string) => Listed<A>
  readonly get: (namespace: string, name: string) => O.Option<A>
  /** Objects held, in every namespace: what a LIST reads at most (upstream's object-count tracker, for APF's work estimate). */
  readonly count: () => number
  /**
   * 409 AlreadyExists when the name is taken. A dry run checks the same, stores and tells nothing, and
   * answers the object without a resourceVersion, as upstream's dry-run storage does.
   */
  readonly create: (draft: Draft<A>, dryRun?: boolean) => E.Either<ApiError, A>
  /**
   * 404 when missing; 409 Conflict when the draft carries a resourceVersion other than the stored one.
   * A dry run checks the same and answers the object with the stored resourceVersion.
   */
  readonly update: (draft: Draft<A>, dryRun?: boolean) => E.Either<ApiError, A>
  /** 404 when missing; answers the deleted object (a dry run deletes nothing). */
  readonly remove: (namespace: string, name: string, dryRun?: boolean) => E.Either<ApiError, A>
  /**
   * Subscribes to changes in `namespace` (`''`: all). Without a resourceVersion (or `0`) the current
   * objects come first as ADDED; with one, every change after it (410 Expired when history no longer
   * reaches back; 422 when it is not a number). Events are delivered synchronously, in order. Answers the unsubscribe function.
   */
  readonly watch: (namespace: string, resourceVersion: string, onEvent: (e: ObjectStoreEvent<A>) => void) => E.Either<ApiError, () => void>
}

/**
 * Options of a store: how many past events a watch may resume from, and how many bytes of objects
 * they may hold (estimated from their keys and strings; default `defaultHistoryBytes`), the oldest
 * going first; and the kind's own fields in Go's struct order (`fieldOrder`; other fields are dropped),
 * else an object keeps its fields in the order it was written with.
 */
export interface ObjectStoreOptions {
  readonly historySize: number
  readonly historyBytes?: number
  readonly fieldOrder?: ReadonlyArray<string>
  /** The largest object stored, as JSON bytes (default `maxObjectBytes`, etcd's request limit). */
  readonly maxObjectBytes?: number
}

/**
 * etcd's default request limit (1.5 MiB), which bounds every object upstream stores: a larger one is
 * upstream's 500 `etcdserver: request is too large`. Without it, patches (JSON patch `copy`, long lists)
 * could grow an object to the body limit times anything, and every later write to it would cost as much.
 */
export const maxObjectBytes = 1536 * 1024

/** 64 MiB of history: 64 versions of a 1 MB object, thousands of small ones (then `historySize` rules). */
export const defaultHistoryBytes = 64 * 1024 * 1024

/** Where a store's objects come from: creation times from `clock`, uids from `newId`. */
export interface StoreDeps {
  readonly clock: Clock
  readonly newId: () => string
}

/**
 * Makes an empty store of `def`'s objects (upstream's generic registry Store over an in-memory watch
 * cache); its errors name the resource (`configmaps "web" not found`).
 * @example
 * import { randomUUID } from 'node:crypto'
 * const store = newObjectStore(configMapDefinition, { clock: systemClock, newId: randomUUID })
 */
export const newObjectStore = <A = JsonObject>(
  def: ResourceDefinition,
  deps: StoreDeps,
  opts: ObjectStoreOptions = { historySize: 1000 },
): ObjectStore<A> => {
  const objects = new Map<string, JsonObject>()
  const subscribers = new Set<Subscriber>()
  const history = newWatchHistory(opts.historySize, opts.historyBytes ?? defaultHistoryBytes)
  let rv = 0
  const ordered = (o: JsonObject, meta: JsonObject): JsonObject => inGoOrder(withMeta(o, meta), opts.fieldOrder)
  const cells: Cells = {
    def,
    deps,
    objects,
    ordered,
    stamp: (o, meta) => ordered(o, { ...meta, resourceVersion: String(++rv) }),
    tooLarge: sizeCheck(opts.maxObjectBytes ?? maxObjectBytes),
    publish: (event) => {
      history.record(rv, event)
      for (const s of subscribers) if (inNamespace(s.namespace, event)) s.onEvent(event)
    },
  }
  const store: ObjectStore = {
    list: (namespace) => ({ items: sorted(objects, namespace), resourceVersion: String(rv) }),
    get: (namespace, name) => O.fromNullable(objects.get(keyOf(namespace, name))),
    count: () => objects.size,
    create: createIn(cells),
    update: updateIn(cells),
    remove: removeIn(cells),
    watch: watchIn(cells, history, subscribers),
  }
  return store as unknown as ObjectStore<A>
}

interface Subscriber {
  readonly namespace: string
  readonly onEvent: (e: ObjectStoreEvent) => void
}

/** A store's objects and how a change is stamped (the next resourceVersion) and told (history and watchers). */
interface Cells {
  readonly def: ResourceDefinition
  readonly deps: StoreDeps
  readonly objects: Map<string, JsonObject>
  readonly ordered: (o: JsonObject, meta: JsonObject) => JsonObject
  readonly stamp: (o: JsonObject, meta: JsonObject) => JsonObject
  /** The error for an object over the size limit, or `undefined`. */
  readonly tooLarge: (o: JsonObject) => ApiError | undefined
  readonly publish: (event: ObjectStoreEvent) => void
}

/** A dry run never reaches the storage, so, as upstream, only a stored object is held to the limit. */
const sizeCheck =
  (max: number) =>
  (o: JsonObject): ApiError | undefined =>
    Buffer.byteLength(JSON.stringify(o)) > max ? unknownError('etcdserver: request is too large') : undefined

const lookup = (o: JsonObject): string => keyOf(metaString(o, 'namespace'), metaString(o, 'name'))

const createIn =
  ({ def, deps, objects, ordered, stamp, tooLarge, publish }: Cells): ObjectStore['create'] =>
  (draft, dryRun = false) => {
    if (objects.has(lookup(draft))) return E.left(alreadyExists(def.group, def.resource, metaString(draft, 'name')))
    const born = { uid: deps.newId(), creationTimestamp: rfc3339(deps.clock.now()) }
    if (dryRun) return E.right(ordered(draft, born))
    const large = tooLarge(draft)
    if (large !== undefined) return E.left(large)
    const created = stamp(draft, born)
    objects.set(lookup(draft), created)
    publish({ type: 'ADDED', object: created })
    return E.right(created)
  }

const updateIn =
  ({ def, objects, ordered, stamp, tooLarge, publish }: Cells): ObjectStore['update'] =>
  (draft, dryRun = false) => {
    const name = metaString(draft, 'name')
    const old = objects.get(lookup(draft))
    if (old === undefined) return E.left(notFound(def.group, def.resource, name))
    const want = metaString(draft, 'resourceVersion')
    if (want !== '' && want !== metaString(old, 'resourceVersion'))
      return E.left(conflict(def.group, def.resource, name, staleObjectMessage))
    const kept = { uid: metaString(old, 'uid'), creationTimestamp: metaString(old, 'creationTimestamp') }
    if (dryRun) return E.right(ordered(draft, { ...kept, resourceVersion: metaString(old, 'resourceVersion') }))
    const large = tooLarge(draft)
    if (large !== undefined) return E.left(large)
    const updated = stamp(draft, kept)
    objects.set(lookup(draft), updated)
    publish({ type: 'MODIFIED', object: updated, previous: old })
    return E.right(updated)
  }

const removeIn =
  ({ def, objects, stamp, publish }: Cells): ObjectStore['remove'] =>
  (namespace, name, dryRun = false) => {
    const old = objects.get(keyOf(namespace, name))
    if (old === undefined) return E.left(notFound(def.group, def.resource, name))
    if (dryRun) return E.right(old)
    objects.delete(keyOf(namespace, name))
    publish({ type: 'DELETED', object: stamp(old, {}), previous: old })
    return E.right(old)
  }

const watchIn =
  ({ def, objects }: Cells, history: WatchHistory, subscribers: Set<Subscriber>): ObjectStore['watch'] =>
  (namespace, resourceVersion, onEvent) => {
    const from = parseResourceVersion(def.group, def.resource, resourceVersion)
    if (E.isLeft(from)) return from
    const expired = history.expired(from.right)
    if (expired !== undefined) return E.left(expired)
    if (from.right === 0) for (const object of sorted(objects, namespace)) onEvent({ type: 'ADDED', object })
    else history.since(from.right, namespace, onEvent)
    const sub = { namespace, onEvent }
    subscribers.add(sub)
    return E.right(() => void subscribers.delete(sub))
  }

const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`

const sorted = (objects: ReadonlyMap<string, JsonObject>, namespace: string): ReadonlyArray<JsonObject> => {
  const prefix = `${namespace}/`
  const keys = [...objects.keys()].filter((k) => namespace === '' || k.startsWith(prefix)).sort()
  return keys.map((k) => objects.get(k) as JsonObject)
}
