import type { JsonObject, JsonValue } from '../json-value.js'
import type { GroupVersionKind } from '../schema.js'
import type { OpenApiParameter } from './openapi-parameters.js'

/** An HTTP method as OpenAPI path items name it. */
export type OpenApiMethod = 'get' | 'put' | 'post' | 'delete' | 'patch'

/** One response of an operation: its code, upstream's text for it, and the model of its body if it has one. */
export interface OpenApiResponse {
  readonly code: string
  readonly description: string
  readonly model?: string
}

/** One operation, neutral to the OpenAPI version it is written in. */
export interface OpenApiOperation {
  readonly method: OpenApiMethod
  readonly description: string
  readonly operationId: string
  readonly tag: string
  /** `x-kubernetes-action`: `list`, `post`, `get`, `put`, `patch`, `delete`, `deletecollection`, `watch`, `watchlist`. */
  readonly action?: string
  readonly gvk?: GroupVersionKind
  readonly parameters: ReadonlyArray<OpenApiParameter>
  /** The request body's model and the media types it is accepted in. */
  readonly body?: { readonly model: string; readonly mediaTypes: ReadonlyArray<string> }
  /** The media types the responses are written in. */
  readonly produces: ReadonlyArray<string>
  readonly responses: ReadonlyArray<OpenApiResponse>
}

/** A path and its operations. */
export interface OpenApiPath {
  readonly path: string
  readonly operations: ReadonlyArray<OpenApiOperation>
}

/**
 * Splits the parameters every operation of a path shares (by name) from each operation's own, as
 * kube-openapi writes them: shared ones on the path item, the rest on the operation, each sorted by name.
 */
export const splitParameters = (
  operations: ReadonlyArray<OpenApiOperation>,
): { readonly shared: ReadonlyArray<OpenApiParameter>; readonly own: ReadonlyArray<ReadonlyArray<OpenApiParameter>> } => {
  const first = operations[0]?.parameters ?? []
  const sharedNames = new Set(
    first
      .filter((p) => operations.every((op) => op.parameters.some((q) => q.name === p.name && q.description === p.description)))
      .map((p) => p.name),
  )
  const byName = (a: OpenApiParameter, b: OpenApiParameter): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  return {
    shared: first.filter((p) => sharedNames.has(p.name)).sort(byName),
    own: operations.map((op) => op.parameters.filter((p) => !sharedNames.has(p.name)).sort(byName)),
  }
}

/**
 * A path item as both OpenAPI versions write it: each operation under its method, the parameters every
 * operation shares once on the path, keys sorted. `operation` and `parameter` write one version's forms.
 */
export const pathItemWith =
  (operation: (op: OpenApiOperation, own: ReadonlyArray<OpenApiParameter>) => JsonObject, parameter: (p: OpenApiParameter) => JsonObject) =>
  (p: OpenApiPath): JsonObject => {
    const { shared, own } = splitParameters(p.operations)
    const item: Record<string, JsonValue> = {}
    p.operations.forEach((op, i) => {
      item[op.method] = operation(op, own[i] ?? [])
    })
    if (shared.length > 0) item['parameters'] = shared.map(parameter)
    return Object.fromEntries(
      Object.keys(item)
        .sort()
        .map((k) => [k, item[k] as JsonValue]),
    )
  }
