import {
  type Draft,
  type Listed as ListedOf,
  type ObjectStore,
  type ObjectStoreOptions,
  type StoreDeps,
  type ObjectStoreEvent,
  newObjectStore,
} from '../endpoints/rest/object-store.js'
import type { ConfigMap } from './configmap-codec.js'
import { configMapDefinition } from './configmap-definition.js'

export { defaultHistoryBytes } from '../endpoints/rest/object-store.js'
export { rfc3339 } from '../endpoints/rest/object-meta.js'

/** A ConfigMap change as a watch sees it; `previous` is the object before a MODIFIED or DELETED change. */
export type StoreEvent = ObjectStoreEvent<ConfigMap>

/** A ConfigMap before the store stamps it: no uid, resourceVersion or creationTimestamp yet. */
export type ConfigMapDraft = Draft<ConfigMap>

/** A list of ConfigMaps and the store's resourceVersion when it was taken. */
export type Listed = ListedOf<ConfigMap>

/** In-memory ConfigMaps per namespace (`newObjectStore` typed for ConfigMaps). */
export type ConfigMapStore = ObjectStore<ConfigMap>

/** Options of the ConfigMap store: the history's bounds (see `ObjectStoreOptions`). */
export type ConfigMapStoreOptions = Omit<ObjectStoreOptions, 'fieldOrder'>

/** A ConfigMap's own fields in Go's struct order (`core/v1.ConfigMap`). */
export const configMapFieldOrder: ReadonlyArray<string> = ['immutable', 'data', 'binaryData']

/**
 * Makes an empty ConfigMap store; uids come from `newId`, creation times from `clock`.
 * @example
 * import { randomUUID } from 'node:crypto'
 * const store = newConfigMapStore({ clock: systemClock, newId: randomUUID })
 */
export const newConfigMapStore = (deps: StoreDeps, opts: ConfigMapStoreOptions = { historySize: 1000 }): ConfigMapStore =>
  newObjectStore<ConfigMap>(configMapDefinition, deps, { ...opts, fieldOrder: configMapFieldOrder })
