import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../core/status.js'
import { type JsonObject, type JsonValue, isJsonObject } from './json-value.js'
import { notAcceptableMessage } from './negotiate-errors.js'
import type { Conversion } from './negotiate-output.js'
import type { ResourceDefinition } from './resource-definition.js'
import { type IncludeObject, asPartialObjectMetadata, listMetaOf, toTable } from './table.js'

/** What a conversion needs besides the object: the Table's row objects, the clock's time, and whether headers come. */
export interface TransformOptions {
  readonly includeObject: IncludeObject
  readonly now: number
  /** `false` for a watch's events after its first (upstream's `NoHeaders`). */
  readonly withColumns?: boolean
}

/**
 * Converts a response object as the client asked (upstream's `doTransformObject`): a Status is never
 * converted; no conversion keeps the object; a Table of an object or a list; PartialObjectMetadata of
 * an object (406 for a list); PartialObjectMetadataList of a list (406 for an object). A list is an
 * object with an `items` array.
 * Port note: the 406 messages name the object's Go type as upstream's internal types do (`*core.ConfigMap`).
 * @example
 * transformObject(configMapDefinition, { kind: 'Table', version: 'v1' }, object, { includeObject: 'Metadata', now: Date.now() })
 */
export const transformObject = (
  def: ResourceDefinition,
  convert: Conversion | undefined,
  value: JsonObject,
  opts: TransformOptions,
): E.Either<ApiError, JsonObject> => {
  if (convert === undefined || value['kind'] === 'Status') return E.right(value)
  const items = listItems(value)
  switch (convert.kind) {
    case 'Table': {
      const listMeta = items === undefined ? undefined : isJsonObject(value['metadata']) ? value['metadata'] : {}
      const tableOpts = {
        includeObject: opts.includeObject,
        now: opts.now,
        withColumns: opts.withColumns ?? true,
        version: convert.version,
      }
      return E.right(toTable(def, items ?? [value], listMeta === undefined ? tableOpts : { ...tableOpts, listMeta }))
    }
    case 'PartialObjectMetadata':
      return items === undefined
        ? E.right(asPartialObjectMetadata(value, convert.version))
        : E.left(
            notAcceptableMessage(`you requested PartialObjectMetadata, but the requested object is a list (${goTypeName(def, value)})`),
          )
    case 'PartialObjectMetadataList':
      return items === undefined
        ? E.left(
            notAcceptableMessage(
              `you requested PartialObjectMetadataList, but the requested object is not a list (${goTypeName(def, value)})`,
            ),
          )
        : E.right(partialList(value, items, convert.version))
  }
}

const listItems = (value: JsonObject): ReadonlyArray<JsonObject> | undefined => {
  const items = value['items']
  return Array.isArray(items) ? (items as ReadonlyArray<JsonValue>).filter(isJsonObject) : undefined
}

/** Upstream's PartialObjectMetadataList: the list's metadata, each item's metadata; no items is `null`, as Go's nil slice. */
const partialList = (list: JsonObject, items: ReadonlyArray<JsonObject>, version: string): JsonObject => ({
  kind: 'PartialObjectMetadataList',
  apiVersion: `meta.k8s.io/${version}`,
  metadata: listMetaOf(isJsonObject(list['metadata']) ? list['metadata'] : {}),
  items: items.length === 0 ? null : items.map((o) => asPartialObjectMetadata(o, version)),
})

/** `%T` of upstream's internal object: `*core.ConfigMap`, `*apps.DeploymentList`. */
const goTypeName = (def: ResourceDefinition, value: JsonObject): string => {
  const pkg = def.group === '' ? 'core' : (def.group.split('.')[0] as string)
  const kind = typeof value['kind'] === 'string' && value['kind'] !== '' ? value['kind'] : def.kind
  return `*${pkg}.${kind}`
}
