import type { ApiError, Status, StatusCause, StatusDetails } from '../../core/status.js'
import { statusError } from '../../core/status.js'
import { invalid } from '../api-errors.js'
import { type FieldError, forbiddenField, invalidField, requiredField } from '../field-error.js'
import type { PatchType } from './patch-type.js'

const failure = (code: number, reason: string, message: string, details?: StatusDetails): ApiError =>
  statusError({ status: 'Failure', code, reason, message, details } satisfies Status)

/**
 * Upstream's 422 for a patch that does not apply (a failed JSON patch `test`, a missing path, a list of
 * lists in a strategic merge patch): `NewGenericServerResponse(422, ...)` without a cause, so the reason
 * the patch failed is not in the Status, only `"details":{}`.
 */
export const patchNotApplicable: ApiError = failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {})

/**
 * Upstream's 422 when the patched document does not decode as the kind (`NewInvalid` on the empty
 * group-kind, field `patch`): ` "" is invalid: patch: Invalid value: "<patched json>": <decode error>`.
 */
export const patchedObjectInvalid = (patched: string, detail: string): ApiError =>
  invalid('', '', '', [invalidField('patch', patched, detail)])

/** One field an apply would take from another manager: the manager as upstream prints it and the field path. */
export interface ApplyConflict {
  /** `"kubectl"` for an applier, `"kubectl-edit" using v1` for an updater. */
  readonly manager: string
  /** Field path as structured-merge-diff prints it: `.data.a`, `.spec.containers[name="web"].image`. */
  readonly path: string
}

/**
 * Upstream's 409 for apply conflicts (`NewApplyConflict`): `Apply failed with 1 conflict: conflict with
 * "m" using v1: .data.a`, or for several `Apply failed with N conflicts: conflicts with "m":\n- .a\n- .b`
 * grouped by manager in sorted order; one `FieldManagerConflict` cause per field.
 */
export const applyConflict = (conflicts: ReadonlyArray<ApplyConflict>): ApiError => {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${c.manager}`,
    field: c.path,
  }))
  return failure(409, 'Conflict', conflictMessage(conflicts), { causes })
}

const conflictMessage = (conflicts: ReadonlyArray<ApplyConflict>): string => {
  const [only] = conflicts
  if (conflicts.length === 1 && only !== undefined) return `Apply failed with 1 conflict: conflict with ${only.manager}: ${only.path}`
  const byManager = new Map<string, string[]>()
  for (const c of conflicts) {
    const paths = byManager.get(c.manager)
    if (paths === undefined) byManager.set(c.manager, [c.path])
    else paths.push(c.path) // appended in place: copying the list per conflict is quadratic in a wide apply
  }
  const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...(byManager.get(m) ?? []).map((p) => `- ${p}`)])
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`
}

/**
 * The patch-type rules of upstream's `ValidatePatchOptions`: `force` is forbidden on a non-apply patch
 * (`force: Forbidden: may not be specified for non-apply patch`) and an apply needs a manager
 * (`fieldManager: Required value: is required for apply patch`). They come before the checks every
 * write shares (`writeOptions`), in the same 422 on `PatchOptions.meta.k8s.io ""`.
 */
export const patchOptionErrors = (patchType: PatchType, fieldManager: string, forceGiven: boolean): ReadonlyArray<FieldError> => {
  if (patchType !== 'application/apply-patch+yaml')
    return forceGiven ? [forbiddenField('force', 'may not be specified for non-apply patch')] : []
  return fieldManager === '' ? [requiredField('fieldManager', 'is required for apply patch')] : []
}
