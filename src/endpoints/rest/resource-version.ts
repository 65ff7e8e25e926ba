import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../core/status.js'
import { invalid } from '../api-errors.js'
import { invalidField } from '../field-error.js'

/**
 * Reads the resourceVersion a watch starts from: `''` and `0` mean "from now, with the current state
 * first"; otherwise an unsigned integer. A value that is not one is upstream's 422, named after the
 * resource (`configmaps "" is invalid: resourceVersion: Invalid value: ...`).
 * @example
 * parseResourceVersion('', 'configmaps', '42') // right(42)
 */
export const parseResourceVersion = (group: string, resource: string, v: string): E.Either<ApiError, number> => {
  if (v === '') return E.right(0)
  if (/^[0-9]{1,15}$/.test(v)) return E.right(Number(v))
  const why = /^[0-9]+$/.test(v) ? 'value out of range' : 'invalid syntax'
  return E.left(
    invalid(group, resource, '', [invalidField('resourceVersion', v, `strconv.ParseUint: parsing ${JSON.stringify(v)}: ${why}`)]),
  )
}
