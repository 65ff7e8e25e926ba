import type { JsonObject, JsonValue } from './json-value.js'
import type { GroupVersionKind } from './schema.js'

/** A column of a resource's Table (`metav1.TableColumnDefinition`) and how a row's cell is read from an object. */
export interface TableColumn {
  readonly name: string
  /** OpenAPI type: `string`, `integer`, `number`, `boolean`, `date`. */
  readonly type: string
  /** OpenAPI format, e.g. `name` for the first column; `''` for none. */
  readonly format: string
  readonly description: string
  /** 0 shows by default; higher only with `-o wide`. */
  readonly priority: number
  readonly cell: (object: JsonObject) => JsonValue
}

/**
 * One served resource as the API machinery needs to know it: its names (discovery, RequestInfo,
 * messages), its kind and model (decoding, validation, OpenAPI), and its Table columns.
 */
export interface ResourceDefinition extends GroupVersionKind {
  readonly listKind: string
  /** The plural, lower-case name in paths: `configmaps`. */
  readonly resource: string
  readonly singularName: string
  readonly namespaced: boolean
  readonly shortNames: ReadonlyArray<string>
  readonly verbs: ReadonlyArray<string>
  /** The kind's model name in the `SchemaModels`: `io.k8s.api.core.v1.ConfigMap`. */
  readonly model: string
  /**
   * The Table's columns after `Name` (whose cell is `metadata.name`), with `Age` added last from
   * `metadata.creationTimestamp` as upstream printers write it (`5m`, `3d2h`); empty gives `Name` and `Age`.
   */
  readonly columns: ReadonlyArray<TableColumn>
}

/** `v1` for the core group, else `<group>/<version>`: an object's `apiVersion`. */
export const apiVersionOf = (gvk: GroupVersionKind): string => (gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`)
