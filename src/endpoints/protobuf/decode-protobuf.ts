import * as E from 'fp-ts/lib/Either.js'
import type { JsonObject } from '../json-value.js'
import { apiVersionOf } from '../resource-definition.js'
import type { GroupVersionKind } from '../schema.js'
import { decodeMessage } from './message-walk.js'
import type { KindLookup } from './protobuf-kinds.js'
import { protoType } from './proto-root.js'

/** An object decoded from a protobuf body: its kind as the envelope named it, and its JSON shape. */
export interface DecodedProtobuf {
  readonly gvk: GroupVersionKind
  /** As `JSON.parse` of the same object's JSON: `kind` and `apiVersion` first, zero values left out. */
  readonly object: JsonObject
}

/**
 * Why a protobuf body did not decode: upstream's error text, and the kind the decoder had worked out by
 * then (`undefined` when the envelope itself failed), which decides how a handler words its 400.
 */
export interface ProtobufDecodeError {
  readonly _tag: 'ProtobufDecodeError'
  readonly message: string
  readonly gvk: GroupVersionKind | undefined
}

/** The magic number before every Kubernetes protobuf message: `k8s` and the encoding byte 0 (a `runtime.Unknown`). */
export const protobufPrefix: Uint8Array = Uint8Array.of(0x6b, 0x38, 0x73, 0x00)

const decodeError = (message: string, gvk?: GroupVersionKind): ProtobufDecodeError => ({ _tag: 'ProtobufDecodeError', message, gvk })
const unknownType = protoType('runtime.Unknown')

/**
 * Decodes a body as upstream's protobuf serializer (`protobuf.Serializer.Decode`) does: the `k8s\0`
 * prefix, then a `runtime.Unknown` whose `typeMeta` names the kind (a missing kind, or a missing
 * version, is taken from `defaults`, the handler's kind) and whose `raw` holds the object's message.
 * Errors carry upstream's text: `empty data`, `provided data does not appear to be a protobuf message,
 * expected prefix [107 56 115 0]`, `empty body`, gogo's `unexpected EOF`, runtime's
 * `Object 'Kind' is missing in '...'` and the lookup's `no kind ... is registered ...`.
 * @example
 * decodeProtobuf(body, { group: '', version: 'v1', kind: 'ConfigMap' }, servedKinds)
 */
export const decodeProtobuf = (
  body: Uint8Array,
  defaults: GroupVersionKind | undefined,
  lookup: KindLookup,
): E.Either<ProtobufDecodeError, DecodedProtobuf> => {
  if (body.length === 0) return E.left(decodeError('empty data'))
  if (!hasPrefix(body))
    return E.left(decodeError(`provided data does not appear to be a protobuf message, expected prefix [${protobufPrefix.join(' ')}]`))
  if (body.length === protobufPrefix.length) return E.left(decodeError('empty body'))
  const unknown = decodeMessage(unknownType, body.subarray(protobufPrefix.length))
  if (E.isLeft(unknown)) return E.left(decodeError(unknown.left))
  const typeMeta = (unknown.right['typeMeta'] ?? {}) as { apiVersion?: string; kind?: string }
  const gvk = withDefaults(fromApiVersionAndKind(typeMeta.apiVersion ?? '', typeMeta.kind ?? ''), defaults)
  const goTypeMeta = `runtime.TypeMeta{APIVersion:${JSON.stringify(typeMeta.apiVersion ?? '')}, Kind:${JSON.stringify(typeMeta.kind ?? '')}}`
  if (gvk.kind === '') return E.left(decodeError(`Object 'Kind' is missing in '${goTypeMeta}'`, gvk))
  if (gvk.version === '') return E.left(decodeError(`Object 'apiVersion' is missing in '${goTypeMeta}'`, gvk))
  const type = lookup(gvk)
  if (E.isLeft(type)) return E.left(decodeError(type.left, gvk))
  const raw = Buffer.from((unknown.right['raw'] as string | undefined) ?? '', 'base64')
  const object = decodeMessage(type.right, raw)
  if (E.isLeft(object)) return E.left(decodeError(object.left, gvk))
  return E.right({ gvk, object: { kind: gvk.kind, apiVersion: apiVersionOf(gvk), ...object.right } })
}

const hasPrefix = (body: Uint8Array): boolean => body.length >= protobufPrefix.length && protobufPrefix.every((b, i) => body[i] === b)

/** schema's `FromAPIVersionAndKind`: an apiVersion with more than one `/` does not parse and gives only the kind. */
const fromApiVersionAndKind = (apiVersion: string, kind: string): GroupVersionKind => {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '', kind }
  const parts = apiVersion.split('/')
  if (parts.length === 1) return { group: '', version: apiVersion, kind }
  return parts.length === 2 ? { group: parts[0] as string, version: parts[1] as string, kind } : { group: '', version: '', kind }
}

/** The serializer's `copyKindDefaults`: a missing kind, or a missing version (with its group), from `defaults`. */
const withDefaults = (gvk: GroupVersionKind, defaults: GroupVersionKind | undefined): GroupVersionKind => {
  if (defaults === undefined) return gvk
  const kind = gvk.kind === '' ? defaults.kind : gvk.kind
  return gvk.version === '' && defaults.version !== '' ? { group: defaults.group, version: defaults.version, kind } : { ...gvk, kind }
}
