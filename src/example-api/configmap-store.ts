import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Clock } from '../core/clock.js'
import type { ApiError } from '../core/status.js'
import { notFound } from '../core/status-errors.js'
import { alreadyExists, conflict, invalid, resourceExpired, staleObjectMessage } from '../endpoints/api-errors.js'
import type { ConfigMap, ObjectMeta } from './configmap-codec.js'
import { invalidField } from '../endpoints/field-error.js'

/** A change as a watch sees it; `previous` is the object before a MODIFIED or DELETED change. */
export interface StoreEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'
  readonly object: ConfigMap
  readonly previous?: ConfigMap
}

/** A ConfigMap before the store stamps it: no uid, resourceVersion or creationTimestamp yet. */
export type ConfigMapDraft = Omit<ConfigMap, 'metadata'> & {
  readonly metadata: Omit<ObjectMeta, 'uid' | 'creationTimestamp' | 'resourceVersion'> & { readonly resourceVersion?: string }
}

/** A list and the store's resourceVersion when it was taken. */
export interface Listed {
  readonly items: ReadonlyArray<ConfigMap>
  readonly resourceVersion: string
}

/** In-memory ConfigMaps per namespace; every mutation takes the next resourceVersion and tells watchers. */
export interface ConfigMapStore {
  /** Objects of `namespace` (`''`: every namespace), ordered by namespace then name. */
  readonly list: (namespace: string) => Listed
  readonly get: (namespace: string, name: string) => O.Option<ConfigMap>
  /**
   * 409 AlreadyExists when the name is taken. A dry run checks the same, stores and tells nothing, and
   * answers the object without a resourceVersion, as upstream's dry-run storage does.
   */
  readonly create: (draft: ConfigMapDraft, dryRun?: boolean) => E.Either<ApiError, ConfigMap>
  /**
   * 404 when missing; 409 Conflict when the draft carries a resourceVersion other than the stored one.
   * A dry run checks the same and answers the object with the stored resourceVersion.
   */
  readonly update: (draft: ConfigMapDraft, dryRun?: boolean) => E.Either<ApiError, ConfigMap>
  /** 404 when missing; answers the deleted object (a dry run deletes nothing). */
  readonly remove: (namespace: string, name: string, dryRun?: boolean) => E.Either<ApiError, ConfigMap>
  /**
   * Subscribes to changes in `namespace` (`''`: all). Without a resourceVersion (or `0`) the current
   * objects come first as ADDED; with one, every change after it (410 Expired when history no longer
   * reaches back; 422 when it is not a number). Events are delivered synchronously, in order. Answers the unsubscribe function.
   */
  readonly watch: (namespace: string, resourceVersion: string, onEvent: (e: StoreEvent) => void) => E.Either<ApiError, () => void>
}

/**
 * Options of the store: how many past events a watch may resume from, and how many bytes of objects
 * they may hold (estimated from their keys and values; default `defaultHistoryBytes`). The oldest go first.
 */
export interface ConfigMapStoreOptions {
  readonly historySize: number
  readonly historyBytes?: number
}

/** 64 MiB of history: 64 versions of a 1 MB ConfigMap, thousands of small ones (then `historySize` rules). */
export const defaultHistoryBytes = 64 * 1024 * 1024

interface Subscriber {
  readonly namespace: string
  readonly onEvent: (e: StoreEvent) => void
}

interface Recorded {
  readonly rv: number
  readonly event: StoreEvent
  readonly bytes: number
}

/**
 * Makes an empty store; uids come from `newId`, creation times from `clock`.
 * @example
 * const store = newConfigMapStore({ clock: systemClock, newId: () => randomUUID() })
 */
export const newConfigMapStore = (
  deps: { readonly clock: Clock; readonly newId: () => string },
  opts: ConfigMapStoreOptions = { historySize: 1000 },
): ConfigMapStore => {
  const objects = new Map<string, ConfigMap>()
  const subscribers = new Set<Subscriber>()
  const history: Recorded[] = []
  const maxBytes = opts.historyBytes ?? defaultHistoryBytes
  let historyBytes = 0
  let rv = 0
  let oldestKept = 1

  const forget = (): void => {
    const oldest = history.shift() as Recorded
    historyBytes -= oldest.bytes
    oldestKept = oldest.rv + 1
  }
  const publish = (event: StoreEvent): void => {
    const bytes = objectBytes(event.object)
    history.push({ rv, event, bytes })
    historyBytes += bytes
    while (history.length > opts.historySize || (historyBytes > maxBytes && history.length > 1)) forget()
    for (const s of subscribers) if (s.namespace === '' || s.namespace === event.object.metadata.namespace) s.onEvent(event)
  }
  const stamp = (cm: ConfigMap | ConfigMapDraft, meta: Partial<ObjectMeta>): ConfigMap => inGoOrder({ ...cm, metadata: { ...cm.metadata, ...meta, resourceVersion: String(++rv) } } as ConfigMap)

  return {
    list: (namespace) => ({ items: sorted(objects, namespace), resourceVersion: String(rv) }),
    get: (namespace, name) => O.fromNullable(objects.get(keyOf(namespace, name))),
    create: (draft, dryRun = false) => {
      const key = keyOf(draft.metadata.namespace, draft.metadata.name)
      if (objects.has(key)) return E.left(alreadyExists('', 'configmaps', draft.metadata.name))
      if (dryRun) return E.right(inGoOrder({ ...draft, metadata: { ...draft.metadata, uid: deps.newId(), creationTimestamp: rfc3339(deps.clock.now()) } } as ConfigMap))
      const created = stamp(draft, { uid: deps.newId(), creationTimestamp: rfc3339(deps.clock.now()) })
      objects.set(key, created)
      publish({ type: 'ADDED', object: created })
      return E.right(created)
    },
    update: (draft, dryRun = false) => {
      const key = keyOf(draft.metadata.namespace, draft.metadata.name)
      const old = objects.get(key)
      if (old === undefined) return E.left(notFound('', 'configmaps', draft.metadata.name))
      const want = draft.metadata.resourceVersion
      if (want !== undefined && want !== '' && want !== old.metadata.resourceVersion) {
        return E.left(conflict('', 'configmaps', draft.metadata.name, staleObjectMessage))
      }
      const kept = { uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp }
      if (dryRun) return E.right(inGoOrder({ ...draft, metadata: { ...draft.metadata, ...kept, resourceVersion: old.metadata.resourceVersion } } as ConfigMap))
      const updated = stamp(draft, kept)
      objects.set(key, updated)
      publish({ type: 'MODIFIED', object: updated, previous: old })
      return E.right(updated)
    },
    remove: (namespace, name, dryRun = false) => {
      const key = keyOf(namespace, name)
      const old = objects.get(key)
      if (old === undefined) return E.left(notFound('', 'configmaps', name))
      if (dryRun) return E.right(old)
      objects.delete(key)
      publish({ type: 'DELETED', object: stamp(old, {}), previous: old })
      return E.right(old)
    },
    watch: (namespace, resourceVersion, onEvent) => {
      const from = parseResourceVersion(resourceVersion)
      if (E.isLeft(from)) return from
      if (from.right > 0 && from.right + 1 < oldestKept) {
        return E.left(resourceExpired(`too old resource version: ${from.right} (${oldestKept - 1})`))
      }
      if (from.right === 0) for (const object of sorted(objects, namespace)) onEvent({ type: 'ADDED', object })
      else for (const h of history) if (h.rv > from.right && inNamespace(namespace, h.event)) onEvent(h.event)
      const sub: Subscriber = { namespace, onEvent }
      subscribers.add(sub)
      return E.right(() => void subscribers.delete(sub))
    },
  }
}

const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`

const metaOrder: ReadonlyArray<keyof ObjectMeta> = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields']
const objectOrder: ReadonlyArray<keyof ConfigMap> = ['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'binaryData']

/** The object with its fields in Go's struct order, as upstream's JSON writes them whatever order a client or patch left. */
const inGoOrder = (cm: ConfigMap): ConfigMap => {
  const meta: Record<string, unknown> = {}
  for (const k of metaOrder) if (cm.metadata[k] !== undefined) meta[k] = cm.metadata[k]
  const out: Record<string, unknown> = {}
  for (const k of objectOrder) if (cm[k] !== undefined) out[k] = k === 'metadata' ? meta : cm[k]
  return out as unknown as ConfigMap
}

/** Roughly the bytes an object holds: its maps' keys and values (what makes an object large), and a little for the rest. */
const objectBytes = (cm: ConfigMap): number =>
  256 + mapBytes(cm.data) + mapBytes(cm.binaryData) + mapBytes(cm.metadata.labels) + mapBytes(cm.metadata.annotations)

const mapBytes = (m: Readonly<Record<string, string>> | undefined): number => {
  let n = 0
  if (m !== undefined) for (const k in m) n += k.length + (m[k] as string).length
  return n
}

const inNamespace = (namespace: string, e: StoreEvent): boolean => namespace === '' || e.object.metadata.namespace === namespace

const sorted = (objects: ReadonlyMap<string, ConfigMap>, namespace: string): ReadonlyArray<ConfigMap> => {
  const prefix = `${namespace}/`
  const keys = [...objects.keys()].filter((k) => namespace === '' || k.startsWith(prefix)).sort()
  return keys.map((k) => objects.get(k) as ConfigMap)
}

/**
 * `''` and `0` mean "from now, with the current state first"; otherwise an unsigned integer. A value
 * that is not one is upstream's 422 (`configmaps "" is invalid: resourceVersion: Invalid value: ...`).
 */
const parseResourceVersion = (v: string): E.Either<ApiError, number> => {
  if (v === '') return E.right(0)
  if (/^[0-9]{1,15}$/.test(v)) return E.right(Number(v))
  const why = /^[0-9]+$/.test(v) ? 'value out of range' : 'invalid syntax'
  return E.left(invalid('', 'configmaps', '', [invalidField('resourceVersion', v, `strconv.ParseUint: parsing ${JSON.stringify(v)}: ${why}`)]))
}

/** RFC 3339 in UTC with seconds precision, as metav1.Time encodes. */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
