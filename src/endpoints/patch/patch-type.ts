import * as O from 'fp-ts/lib/Option.js'
import type { ApiError } from '../../core/status.js'
import { unsupportedMediaType } from '../negotiate-errors.js'

/** The patch types a PATCH request may send, by their media types (`types.PatchType`). */
export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml'

/** The patch types served, in the order upstream's installer lists them in its 415 message. */
export const supportedPatchTypes: ReadonlyArray<PatchType> = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
]

/**
 * The patch type of a `Content-Type` header, cut at its first `;` (upstream drops `; charset=...`
 * that way, without trimming or lower-casing). `application/apply-patch+cbor` is not served, as
 * upstream without its CBOR feature gate.
 * @example
 * patchTypeOf('application/merge-patch+json; charset=utf-8') // some('application/merge-patch+json')
 */
export const patchTypeOf = (contentType: string): O.Option<PatchType> => {
  const cut = contentType.indexOf(';')
  const base = cut > 0 ? contentType.slice(0, cut) : contentType
  return (supportedPatchTypes as ReadonlyArray<string>).includes(base) ? O.some(base as PatchType) : O.none
}

/**
 * Upstream's 415 for a patch type the resource does not serve (`negotiation.NewUnsupportedMediaTypeError`):
 * `the body of the request was in an unknown format - accepted media types include: <types>`, no details.
 */
export const unsupportedPatchType = (accepted: ReadonlyArray<string> = supportedPatchTypes): ApiError => unsupportedMediaType(accepted)
