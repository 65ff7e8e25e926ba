import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { ApiError } from '../../core/status.js'
import { statusError } from '../../core/status.js'
import { badRequest } from '../../core/status-errors.js'
import type { JsonObject } from '../json-value.js'
import type { GroupVersionKind } from '../schema.js'
import { type DecodedProtobuf, type ProtobufDecodeError, decodeProtobuf } from './decode-protobuf.js'
import { deleteOptionsKinds, servedKinds } from './protobuf-kinds.js'

/**
 * Decodes a `application/vnd.kubernetes.protobuf` body for a create or update of `target`'s kind, as
 * upstream's handlers do (`transformDecodeError`): every failure is 400 BadRequest, worded
 * `ConfigMap in version "v1" cannot be handled as a ConfigMap: <error>` once the body named a kind,
 * else `the object provided is unrecognized (must be of type ConfigMap): <error> (<the body's first 30
 * bytes in hex>)`. A kind this server does not decode is `no kind "Secret" is registered for version
 * "v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`; another served kind than
 * `target`'s fails its conversion (`converting (v1.ConfigMapList) to (core.ConfigMap): unknown
 * conversion`). The body's apiVersion is the handler's to check (`the API version in the data ...`).
 * Unknown protobuf fields are dropped: upstream's protobuf decoder has no strict mode, so
 * `fieldValidation=Strict` reports nothing for them.
 * Port note: upstream knows every built-in kind, so a kind this server does not serve but upstream
 * does fails there with a conversion error and here with `no kind ... is registered`.
 * @example
 * decodeProtobufObject(body, { group: '', version: 'v1', kind: 'ConfigMap' })
 */
export const decodeProtobufObject = (body: Uint8Array, target: GroupVersionKind): E.Either<ApiError, DecodedProtobuf> =>
  pipe(
    decodeProtobuf(body, target, servedKinds),
    E.chain((decoded) => (decoded.gvk.kind === target.kind ? E.right(decoded) : E.left(conversionError(decoded.gvk, target)))),
    E.mapLeft((err) => badRequest(handlerMessage(err, target, body))),
  )

/**
 * Decodes a protobuf DELETE body into `DeleteOptions`, as upstream's delete handler does: any group and
 * version (defaults `meta.k8s.io/v1`) with kind `DeleteOptions`. Its errors are not turned into a
 * Status there, so they are upstream's 500 with no reason and the decoder's text
 * (`provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]`).
 * @example
 * decodeProtobufDeleteOptions(body) // right({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' })
 */
export const decodeProtobufDeleteOptions = (body: Uint8Array): E.Either<ApiError, JsonObject> =>
  pipe(
    decodeProtobuf(body, { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' }, deleteOptionsKinds),
    E.bimap(
      (err) => statusError({ status: 'Failure', code: 500, reason: '', message: err.message, details: undefined }),
      (d) => d.object,
    ),
  )

/** The versioning codec's failure to convert a decoded kind into the handler's internal type. */
const conversionError = (gvk: GroupVersionKind, target: GroupVersionKind): ProtobufDecodeError => ({
  _tag: 'ProtobufDecodeError',
  message: `converting (${gvk.version}.${gvk.kind}) to (${internalPackage(target.group)}.${target.kind}): unknown conversion`,
  gvk,
})

/** The Go package of a group's internal types: `core` for the core group, else the group's first label. */
const internalPackage = (group: string): string => (group === '' ? 'core' : (group.split('.')[0] as string))

/**
 * `transformDecodeError`. Port note: the version is quoted with `JSON.stringify`, which equals Go's
 * `%q` for printable text.
 */
const handlerMessage = (err: ProtobufDecodeError, target: GroupVersionKind, body: Uint8Array): string =>
  err.gvk !== undefined && err.gvk.kind !== ''
    ? `${err.gvk.kind} in version ${JSON.stringify(err.gvk.version)} cannot be handled as a ${target.kind}: ${err.message}`
    : `the object provided is unrecognized (must be of type ${target.kind}): ${err.message} (${summarizeData(body, 30)})`

/** `summarizeData`: `<empty>`, a body starting with `{` as text, else hex; cut at `max` bytes with ` ...`. */
const summarizeData = (body: Uint8Array, max: number): string => {
  if (body.length === 0) return '<empty>'
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, max))
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex')
  return body.length > max ? `${text} ...` : text
}
