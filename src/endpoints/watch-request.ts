import * as E from 'fp-ts/lib/Either.js'
import type { Request } from '../core/request.js'
import type { ApiError } from '../core/status.js'
import { type Conversion, negotiateWatchOutput } from './negotiate-output.js'
import type { IncludeObject } from './table.js'
import { includeObjectOf } from './table-options.js'
import { type WatchParameters, watchParameters } from './watch-parameters.js'

/** What a watch request asked for: its parameters, and the form of its events' objects when not the kind's own. */
export interface WatchRequest {
  readonly params: WatchParameters
  readonly convert: { readonly conversion: Conversion; readonly includeObject: IncludeObject } | undefined
}

/**
 * Reads a watch request in upstream's order: the output first (406 beats a bad parameter), then the
 * watch parameters (400, 422), then a Table's `includeObject` (400).
 * @example
 * watchRequest(req) // right({ params: { timeoutSeconds: 30, ... }, convert: { conversion: { kind: 'Table', version: 'v1' }, includeObject: 'Metadata' } })
 */
export const watchRequest = (req: Request): E.Either<ApiError, WatchRequest> => {
  const target = negotiateWatchOutput(req, { allowsTable: true })
  if (E.isLeft(target)) return target
  const params = watchParameters(req)
  if (E.isLeft(params)) return params
  const conversion = target.right.convert
  if (conversion === undefined) return E.right({ params: params.right, convert: undefined })
  const include: E.Either<ApiError, IncludeObject> = conversion.kind === 'Table' ? includeObjectOf(req) : E.right('Metadata')
  return E.map((includeObject: IncludeObject) => ({ params: params.right, convert: { conversion, includeObject } }))(include)
}
