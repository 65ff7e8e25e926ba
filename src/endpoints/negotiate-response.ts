import * as E from 'fp-ts/lib/Either.js'
import type { Request } from '../core/request.js'
import type { HttpResponse } from '../core/response.js'
import { type ApiError, toResponse } from '../core/status.js'
import { encodeOutput } from './encode-output.js'
import type { JsonObject } from './json-value.js'
import { type OutputTarget, negotiateOutput } from './negotiate-output.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { IncludeObject } from './table.js'
import { includeObjectOf } from './table-options.js'
import { transformObject } from './transform-object.js'

/** Writes one response object (an object, a list or a Status) in the form the request negotiated. */
export type Respond = (status: number, value: JsonObject) => HttpResponse

/**
 * Negotiates a request's response form up front, as upstream's handlers do before any other work
 * (a 406 comes before a 404 or a body is read), and answers how to write the response once the
 * object is known (upstream's `transformResponseObject`): a Table's `includeObject` is read (400 when
 * bad), the object converted (406 when it cannot be: PartialObjectMetadata of a list, ...), then
 * encoded as JSON or YAML. `now` dates the Table's ages.
 * Port note: error Statuses are always JSON here; upstream writes them in the negotiated encoding.
 * @example
 * E.match(toResponse, (respond: Respond) => respond(200, cm))(negotiateResponse(req, configMapDefinition, clock.now))
 */
export const negotiateResponse = (req: Request, def: ResourceDefinition, now: () => number): E.Either<ApiError, Respond> =>
  E.map(
    (target: OutputTarget): Respond =>
      (status, value) =>
        E.match(toResponse, (o: JsonObject) => encodeOutput(target, status, o))(transform(req, def, target, value, now)),
  )(negotiateOutput(req, { allowsTable: true }))

const transform = (req: Request, def: ResourceDefinition, target: OutputTarget, value: JsonObject, now: () => number): E.Either<ApiError, JsonObject> => {
  const convert = target.convert
  if (convert === undefined) return E.right(value)
  const include: E.Either<ApiError, IncludeObject> = convert.kind === 'Table' ? includeObjectOf(req) : E.right('Metadata')
  return E.chain((includeObject: IncludeObject) => transformObject(def, convert, value, { includeObject, now: now() }))(include)
}
