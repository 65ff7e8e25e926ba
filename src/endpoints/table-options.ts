import * as E from 'fp-ts/lib/Either.js'
import { queryValue } from '../core/query.js'
import type { Request } from '../core/request.js'
import type { ApiError } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'
import type { IncludeObject } from './table.js'

/**
 * The `includeObject` query parameter of a Table request: empty or absent is `Metadata`; a value other
 * than `Metadata`, `Object` or `None` is upstream's 400 from `ValidateTableOptions`:
 * `Unable to convert to Table as requested: includeObject: Invalid value: "x": must be 'Metadata', 'Object', 'None', or empty`.
 * @example
 * includeObjectOf(req) // Right('Metadata')
 */
export const includeObjectOf = (req: Request): E.Either<ApiError, IncludeObject> => {
  const v = queryValue(req, 'includeObject') ?? ''
  if (v === '') return E.right('Metadata')
  if (v === 'Metadata' || v === 'Object' || v === 'None') return E.right(v)
  return E.left(
    badRequest(
      `Unable to convert to Table as requested: includeObject: Invalid value: ${JSON.stringify(v)}: must be 'Metadata', 'Object', 'None', or empty`,
    ),
  )
}
