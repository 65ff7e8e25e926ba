import * as E from 'fp-ts/lib/Either.js'
import { type Request, headerValues } from '../core/request.js'
import type { ApiError } from '../core/status.js'
import { unsupportedMediaType } from './negotiate-errors.js'

/** The encodings a request body may come in. */
export type InputFormat = 'json' | 'yaml' | 'protobuf'

/** A body's media type and its format. */
export interface InputMediaType {
  readonly mediaType: string
  readonly format: InputFormat
}

/** What upstream's built-in resources read, in its order (the first is assumed without Content-Type). */
export const inputMediaTypes: ReadonlyArray<InputMediaType> = [
  { mediaType: 'application/json', format: 'json' },
  { mediaType: 'application/yaml', format: 'yaml' },
  { mediaType: 'application/vnd.kubernetes.protobuf', format: 'protobuf' },
]

/**
 * The format of the request body from its Content-Type, as upstream's `NegotiateInputSerializer`: no
 * Content-Type is the first accepted type; parameters (`; charset=utf-8`) are ignored; the type is
 * compared without case; anything else, or a Content-Type that does not parse, is 415.
 * @example
 * negotiateInput(req) // Right('json') for `Content-Type: application/json; charset=utf-8`
 */
export const negotiateInput = (
  req: Request,
  accepted: ReadonlyArray<InputMediaType> = inputMediaTypes,
): E.Either<ApiError, InputFormat> => {
  const raw = headerValues(req, 'content-type')[0] ?? ''
  const mediaType = raw === '' ? accepted[0]?.mediaType : parseMediaType(raw)
  const found = accepted.find((a) => a.mediaType === mediaType)
  return found === undefined ? E.left(unsupportedMediaType(accepted.map((a) => a.mediaType))) : E.right(found.format)
}

const token = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+"
const mediaTypePattern = new RegExp(`^(${token})/(${token})$`)
const paramPattern = new RegExp(`^${token}=("([^"\\\\]|\\\\.)*"|${token})$`)

/**
 * The lower-case `type/subtype` of a Content-Type, or `undefined` when Go's `mime.ParseMediaType`
 * would fail: a bad type, or a parameter that is not `name=value` (a trailing `;` is allowed).
 */
export const parseMediaType = (raw: string): string | undefined => {
  const [head, ...params] = raw.split(';')
  const m = mediaTypePattern.exec((head as string).trim())
  if (m === null) return undefined
  const rest = params.map((p) => p.trim())
  const last = rest.length - 1
  const bad = rest.some((p, i) => !(paramPattern.test(p) || (p === '' && i === last)))
  return bad ? undefined : `${(m[1] as string).toLowerCase()}/${(m[2] as string).toLowerCase()}`
}
