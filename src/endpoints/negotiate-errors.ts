import { type ApiError, statusError } from '../core/status.js'

/**
 * 406 `NotAcceptable` when no Accept clause names a form the server writes (upstream's
 * `negotiation.NewNotAcceptableError`): `only the following media types are accepted: <types>`.
 */
export const notAcceptable = (accepted: ReadonlyArray<string>): ApiError =>
  notAcceptableMessage(`only the following media types are accepted: ${accepted.join(', ')}`)

/** 406 `NotAcceptable` with its own message (the handlers' `newNotAcceptableError`, e.g. a list asked of one object). */
export const notAcceptableMessage = (message: string): ApiError =>
  statusError({ status: 'Failure', code: 406, reason: 'NotAcceptable', message, details: undefined })

/**
 * 415 `UnsupportedMediaType` for a body in a format the server does not read (upstream's
 * `negotiation.NewUnsupportedMediaTypeError`).
 */
export const unsupportedMediaType = (accepted: ReadonlyArray<string>): ApiError =>
  statusError({
    status: 'Failure',
    code: 415,
    reason: 'UnsupportedMediaType',
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    details: undefined,
  })
