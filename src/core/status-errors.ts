import { type ApiError, type Status, type StatusDetails, statusError } from './status.js'

const failure = (code: number, reason: string, message: string, details?: StatusDetails): ApiError =>
  statusError({ status: 'Failure', code, reason, message, details } satisfies Status)

/** 400 `BadRequest` (apimachinery `NewBadRequest`). */
export const badRequest = (message: string): ApiError => failure(400, 'BadRequest', message)

/** 401 `Unauthorized`; an empty message becomes `not authorized` (apimachinery `NewUnauthorized`). */
export const unauthorized = (message: string): ApiError => failure(401, 'Unauthorized', message === '' ? 'not authorized' : message)

/**
 * 403 `Forbidden` (apimachinery `NewForbidden`): `forbidden: <err>` without a resource,
 * `<resource>[.<group>] is forbidden: <err>` without a name, else `<resource>[.<group>] "<name>" is forbidden: <err>`.
 */
export const forbidden = (group: string, resource: string, name: string, err: string): ApiError => {
  const gr = group === '' ? resource : `${resource}.${group}`
  const message = gr === '' ? `forbidden: ${err}` : name === '' ? `${gr} is forbidden: ${err}` : `${gr} "${name}" is forbidden: ${err}`
  return failure(403, 'Forbidden', message, { group, kind: resource, name })
}

/** 404 `NotFound` for a resource (apimachinery `NewNotFound`). */
export const notFound = (group: string, resource: string, name: string): ApiError => {
  const gr = group === '' ? resource : `${resource}.${group}`
  return failure(404, 'NotFound', `${gr} "${name}" not found`, { group, kind: resource, name })
}

/** 413 `RequestEntityTooLarge` (apimachinery `NewRequestEntityTooLargeError`). */
export const requestEntityTooLarge = (message: string): ApiError =>
  failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`)

/** 503 `ServiceUnavailable` (apimachinery `NewServiceUnavailable`). */
export const serviceUnavailable = (message: string, retryAfterSeconds?: number): ApiError =>
  failure(503, 'ServiceUnavailable', message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds })

/** 504 `Timeout` with `Timeout: <message>` (apimachinery `NewTimeoutError`). */
export const timeoutError = (message: string, retryAfterSeconds: number): ApiError =>
  failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds })

/** 500 `InternalError` (apimachinery `NewInternalError`). */
export const internalError = (err: string): ApiError =>
  failure(500, 'InternalError', `Internal error occurred: ${err}`, { causes: [{ message: err }] })
