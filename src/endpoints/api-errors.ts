import { type ApiError, type Status, type StatusDetails, statusError } from '../core/status.js'
import { type FieldError, fieldCauseType, fieldErrorBody, fieldErrorText } from './field-error.js'

const failure = (code: number, reason: string, message: string, details?: StatusDetails): ApiError =>
  statusError({ status: 'Failure', code, reason, message, details } satisfies Status)

const qualified = (group: string, resource: string): string => (group === '' ? resource : `${resource}.${group}`)

/** 409 `AlreadyExists` (apimachinery `NewAlreadyExists`): `<resource> "<name>" already exists`. */
export const alreadyExists = (group: string, resource: string, name: string): ApiError =>
  failure(409, 'AlreadyExists', `${qualified(group, resource)} "${name}" already exists`, { group, kind: resource, name })

/** 409 `Conflict` (apimachinery `NewConflict`): `Operation cannot be fulfilled on <resource> "<name>": <err>`. */
export const conflict = (group: string, resource: string, name: string, err: string): ApiError =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(group, resource)} "${name}": ${err}`, {
    group,
    kind: resource,
    name,
  })

/** The storage layer's message for an update on a stale resourceVersion. */
export const staleObjectMessage = 'the object has been modified; please apply your changes to the latest version and try again'

/**
 * 422 `Invalid` (apimachinery `NewInvalid`): `<Kind> "<name>" is invalid: <err>` for one error,
 * `... is invalid: [<err>, <err>]` for several; each error is a cause naming its field.
 */
export const invalid = (group: string, kind: string, name: string, errs: ReadonlyArray<FieldError>): ApiError => {
  const texts = [...new Set(errs.map(fieldErrorText))]
  const list = texts.length === 1 ? (texts[0] as string) : `[${texts.join(', ')}]`
  const causes = errs.map((e) => ({ reason: fieldCauseType(e), message: fieldErrorBody(e), field: e.field }))
  return failure(422, 'Invalid', `${qualified(group, kind)} "${name}" is invalid: ${list}`, { name, group, kind, causes })
}

/** An error upstream returns without a Status (`ErrorToAPIStatus` of a plain Go error): 500, reason unknown. */
export const unknownError = (message: string): ApiError => failure(500, '', message)

/** 410 `Expired` (apimachinery `NewResourceExpired`): a watch from a resourceVersion older than the history. */
export const resourceExpired = (message: string): ApiError => failure(410, 'Expired', message)

const genericMessages: Readonly<Record<number, readonly [string, string]>> = {
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  415: ['UnsupportedMediaType', 'the server has refused this request because the media type is not supported'],
}

/**
 * What go-restful's 404/405/415 become upstream (`NewGenericServerResponse(code, "", {}, "", <go-restful text>)`):
 * e.g. 404 `the server could not find the requested resource` with cause `404: Page Not Found`.
 */
export const genericServerResponse = (code: 404 | 405 | 415, serverMessage: string): ApiError => {
  const [reason, message] = genericMessages[code] as readonly [string, string]
  return failure(code, reason, message, { causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }] })
}

/** go-restful's 404 for a path no route matches. */
export const routeNotFound: ApiError = genericServerResponse(404, '404: Page Not Found')

/** go-restful's 405 for a route without the request's method. */
export const methodNotAllowed: ApiError = genericServerResponse(405, '405: Method Not Allowed')
