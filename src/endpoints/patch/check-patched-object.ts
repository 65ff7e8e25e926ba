import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../core/status.js'
import { badRequest } from '../../core/status-errors.js'
import { type JsonObject, isJsonObject } from '../json-value.js'

/**
 * The checks upstream's patcher makes on every patched object (`EnsureObjectNamespaceMatchesRequestNamespace`,
 * then `checkName`): an object without a namespace takes the request's, a cluster-scoped resource's
 * (`namespace` `''`) loses its own, another namespace is 400 `the namespace of the provided object does
 * not match the namespace sent on the request`; a name other than the URL's is 400 `the name of the
 * object (b) does not match the name on the URL (a)`. The Right is the object with its namespace set.
 * @example
 * checkPatchedObject({ metadata: { name: 'a' } }, 'a', 'default') // right({ metadata: { name: 'a', namespace: 'default' } })
 */
export const checkPatchedObject = (obj: JsonObject, name: string, namespace: string): E.Either<ApiError, JsonObject> => {
  const meta = isJsonObject(obj['metadata']) ? obj['metadata'] : {}
  const objNamespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : ''
  if (objNamespace !== namespace && objNamespace !== '' && namespace !== '') {
    return E.left(badRequest('the namespace of the provided object does not match the namespace sent on the request'))
  }
  const objName = typeof meta['name'] === 'string' ? meta['name'] : ''
  if (objName !== name) return E.left(badRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`))
  if (objNamespace === namespace) return E.right(obj)
  const { namespace: _, ...rest } = meta
  return E.right({ ...obj, metadata: namespace === '' ? rest : { ...rest, namespace } })
}
