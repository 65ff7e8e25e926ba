import type { ApiError } from '../../core/status.js'
import { badRequest } from '../../core/status-errors.js'
import { unknownError } from '../api-errors.js'
import { patchNotApplicable } from './patch-errors.js'

/**
 * Why a strategic merge patch failed, by how upstream's `interpretStrategicMergePatchError` answers it:
 * malformed directives are 400, lists of lists and retainKeys mismatches the causeless 422, anything
 * else (a missing merge key, mixed list types) a plain error, so 500.
 */
export interface SmpError {
  readonly kind: 'BadRequest' | 'Unprocessable' | 'Unknown'
  readonly message: string
}

/** The sentinel errors of `k8s.io/apimachinery/pkg/util/mergepatch`, by how upstream answers them. */
export const smpErrors = {
  badPrimitiveList: { kind: 'BadRequest', message: 'invalid patch format of primitive list' },
  badRetainKeys: { kind: 'BadRequest', message: 'invalid patch format of retainKeys' },
  badSetElementOrder: { kind: 'BadRequest', message: 'invalid patch format of setElementOrder list' },
  noListOfLists: { kind: 'Unprocessable', message: 'lists of lists are not supported' },
} as const satisfies Record<string, SmpError>

/** A plain error: upstream answers it with a 500 whose message is the error's text. */
export const smpUnknown = (message: string): SmpError => ({ kind: 'Unknown', message })

/** The Status upstream answers a strategic merge patch error with. */
export const smpApiError = (e: SmpError): ApiError => {
  switch (e.kind) {
    case 'BadRequest':
      return badRequest(e.message)
    case 'Unprocessable':
      return patchNotApplicable
    case 'Unknown':
      return unknownError(e.message)
  }
}
