import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Clock } from '../core/clock.js'
import type { Handler } from '../core/handler.js'
import { queryValue } from '../core/query.js'
import { type Request, get } from '../core/request.js'
import type { Response } from '../core/response.js'
import { toResponse } from '../core/status.js'
import { notFound } from '../core/status-errors.js'
import { methodNotAllowed, routeNotFound } from '../endpoints/api-errors.js'
import { encodeOutput } from '../endpoints/encode-output.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../endpoints/json-value.js'
import { negotiateOutput } from '../endpoints/negotiate-output.js'
import { type ResourceDefinition, type TableColumn, apiVersionOf } from '../endpoints/resource-definition.js'
import { compileSelection } from '../endpoints/rest/list-selection.js'
import { includeObjectOf } from '../endpoints/table-options.js'
import { transformObject } from '../endpoints/transform-object.js'
import { type RequestInfo, requestInfoKey } from '../request/request-info.js'
import { requestInfoResolverDefaults, resolveRequestInfo } from '../request/request-info-resolver.js'

/** How a read-only resource's Tables differ from the definition's: rows in another order, columns after `Age`. */
export interface ReadOnlyTable {
  /** The order of a list's rows (upstream's printer may sort, as FlowSchemas by precedence); the list's own order without. */
  readonly rowOrder?: (a: JsonObject, b: JsonObject) => number
  /** Columns upstream prints after `Age`. */
  readonly trailingColumns?: ReadonlyArray<TableColumn>
}

const resolve = resolveRequestInfo(requestInfoResolverDefaults)

/**
 * A cluster-scoped resource served read-only from a fixed set of objects: `get` (404 NotFound for an
 * unknown name), `list` (label and field selectors on `metadata.name`) at `resourceVersion` `rv`; JSON,
 * YAML, Tables (with `table`'s order and trailing columns) and PartialObjectMetadata as negotiated;
 * every other verb there 405 MethodNotAllowed, as go-restful answers a route the storage does not
 * offer, and other paths 404.
 * Port note: watch is not served (405): the objects never change while the server runs.
 * @example
 * const handler = readOnlyHandler(flowSchemaDefinition, [object], '1', { clock })
 */
export const readOnlyHandler = (
  def: ResourceDefinition,
  objects: ReadonlyArray<JsonObject>,
  rv: string,
  deps: { readonly clock: Clock },
  table: ReadOnlyTable = {},
): Handler => {
  const byName = new Map(objects.map((o) => [nameOf(o), o]))
  const list = (items: ReadonlyArray<JsonObject>): JsonObject => ({
    kind: def.listKind,
    apiVersion: apiVersionOf(def),
    metadata: { resourceVersion: rv },
    items: [...items],
  })
  return (req) => {
    const info = O.isSome(get(req, requestInfoKey)) ? get(req, requestInfoKey) : O.fromEither(resolve(req))
    if (O.isNone(info) || !servesPath(def, info.value)) return toResponse(routeNotFound)
    const { verb, name } = info.value
    if (verb === 'get') {
      const found = byName.get(name)
      return found === undefined ? toResponse(notFound(def.group, def.resource, name)) : respond(req, def, found, deps.clock, table)
    }
    if (verb !== 'list') return toResponse(methodNotAllowed)
    const selection = compileSelection(queryValue(req, 'labelSelector') ?? '', queryValue(req, 'fieldSelector') ?? '', '', false)
    if (E.isLeft(selection)) return toResponse(selection.left)
    return respond(req, def, list(objects.filter(selection.right)), deps.clock, table)
  }
}

/** Writes `value` as negotiated: converted (Table, PartialObjectMetadata) and encoded (JSON, YAML). */
const respond = (req: Request, def: ResourceDefinition, value: JsonObject, clock: Clock, table: ReadOnlyTable): Response => {
  const target = negotiateOutput(req, { allowsTable: true })
  if (E.isLeft(target)) return toResponse(target.left)
  const { convert } = target.right
  const include = convert?.kind === 'Table' ? includeObjectOf(req) : E.right('Metadata' as const)
  if (E.isLeft(include)) return toResponse(include.left)
  const isTable = convert?.kind === 'Table'
  const source = isTable ? ordered(value, table.rowOrder) : value
  const converted = transformObject(def, convert, source, { includeObject: include.right, now: clock.now() })
  if (E.isLeft(converted)) return toResponse(converted.left)
  const written = isTable ? withTrailingColumns(converted.right, rowsOf(source), table.trailingColumns ?? []) : converted.right
  return encodeOutput(target.right, 200, written)
}

const rowsOf = (value: JsonObject): ReadonlyArray<JsonObject> =>
  Array.isArray(value['items']) ? (value['items'] as ReadonlyArray<JsonValue>).filter(isJsonObject) : [value]

const ordered = (value: JsonObject, order: ReadOnlyTable['rowOrder']): JsonObject =>
  order === undefined || !Array.isArray(value['items']) ? value : { ...value, items: [...rowsOf(value)].sort(order) }

/** A Table with `columns` appended to its definitions and each row's cells (rows are `objects`, in order). */
const withTrailingColumns = (t: JsonObject, objects: ReadonlyArray<JsonObject>, columns: ReadonlyArray<TableColumn>): JsonObject => {
  if (columns.length === 0) return t
  const defs = t['columnDefinitions']
  const rows = Array.isArray(t['rows']) ? (t['rows'] as ReadonlyArray<JsonValue>).filter(isJsonObject) : []
  return {
    ...t,
    columnDefinitions: Array.isArray(defs)
      ? [
          ...defs,
          ...columns.map((c) => ({ name: c.name, type: c.type, format: c.format, description: c.description, priority: c.priority })),
        ]
      : (defs ?? null),
    rows: rows.map((row, i) => {
      const cells = Array.isArray(row['cells']) ? row['cells'] : []
      const object = objects[i] ?? {}
      return { ...row, cells: [...cells, ...columns.map((c) => c.cell(object))] }
    }),
  }
}

/** Whether a RequestInfo names `def`'s cluster-scoped resource, or one object of it, with no subresource. */
const servesPath = (def: ResourceDefinition, info: RequestInfo): boolean =>
  info.isResourceRequest &&
  info.apiPrefix === 'apis' &&
  info.apiGroup === def.group &&
  info.apiVersion === def.version &&
  info.resource === def.resource &&
  info.subresource === '' &&
  info.namespace === '' &&
  info.parts.length <= 2

const nameOf = (o: JsonObject): string => {
  const meta = o['metadata']
  return isJsonObject(meta) && typeof meta['name'] === 'string' ? meta['name'] : ''
}
