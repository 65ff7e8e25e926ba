import * as E from 'fp-ts/lib/Either.js'
import type { Clock } from '../core/clock.js'
import type { Request } from '../core/request.js'
import type { HttpResponse } from '../core/response.js'
import { type ApiError, toResponse } from '../core/status.js'
import { encodeOutput } from './encode-output.js'
import type { JsonObject } from './json-value.js'
import { negotiateOutput } from './negotiate-output.js'
import type { ResourceDefinition } from './resource-definition.js'
import { includeObjectOf } from './table-options.js'
import { transformObject } from './transform-object.js'

/** Writes one response object (an object of the resource, its list, or a Status) as the request negotiated. */
export type ObjectResponder = (status: number, object: JsonObject) => HttpResponse

/**
 * Negotiates a request's response before any work is done, as upstream's handlers do: the Accept
 * header (406 when nothing it names can be written) and, for a Table, `includeObject` (400). The
 * responder then converts (Table, PartialObjectMetadata) and encodes (JSON, YAML) each object; a
 * conversion the object cannot take (PartialObjectMetadata of a list) is its 406.
 * @example
 * pipe(negotiateResponse(req, configMapDefinition, clock), E.map((respond) => respond(200, object)))
 */
export const negotiateResponse = (req: Request, def: ResourceDefinition, clock: Clock): E.Either<ApiError, ObjectResponder> => {
  const target = negotiateOutput(req, { allowsTable: def.columns !== undefined })
  if (E.isLeft(target)) return target
  const t = target.right
  if (t.convert === undefined) return E.right((status, object) => encodeOutput(t, status, object))
  const include = t.convert.kind === 'Table' ? includeObjectOf(req) : E.right('Metadata' as const)
  if (E.isLeft(include)) return include
  return E.right((status, object) =>
    E.match(toResponse, (converted: JsonObject) => encodeOutput(t, status, converted))(
      transformObject(def, t.convert, object, { includeObject: include.right, now: clock.now() }),
    ),
  )
}
