import * as E from 'fp-ts/lib/Either.js'
import { isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { ApiError } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'
import { duplicateFields } from './duplicate-fields.js'
import { type JsonObject, type JsonValue, isJsonObject } from './json-value.js'
import { type ResourceDefinition, apiVersionOf } from './resource-definition.js'
import type { SchemaModels } from './schema.js'
import { tooDeep, tooDeepMessage } from './patch/json-text.js'
import { unknownFields } from './unknown-fields.js'
import type { FieldValidation } from './write-options.js'
import { yamlParseOptions, yamlToJsOptions } from './yaml-value.js'

/** The formats a request body may come in. */
export type BodyFormat = 'json' | 'yaml'

/** An object decoded from a body, and the warnings `fieldValidation=Warn` turned its strict errors into. */
export interface Decoded {
  readonly object: JsonObject
  readonly warnings: ReadonlyArray<string>
}

/**
 * Decodes a JSON or YAML body into an object of `def`'s kind, as upstream's create, update and patch
 * handlers do: malformed text, text nested past `maxJsonDepth` (upstream's decoder stops at 10000;
 * this runtime's encoder overflows its stack earlier) or a body that is not an object is 400; an
 * `apiVersion` or `kind` other than the resource's is 400; unknown fields (checked against the kind's model in `models`) and
 * duplicate fields are strict decoding errors: with `Strict` a 400
 * `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dataa"`,
 * with `Warn` one warning each (`unknown field "dataa"`), with `Ignore` nothing. Field types are the
 * kind's own codec's concern.
 * Port note: a YAML body's duplicate keys are reported like JSON's (`duplicate field "a"`), where
 * upstream quotes go-yaml's `key "a" already set in map`.
 * @example
 * decodeObject(body, 'json', configMapDefinition, models, 'Strict')
 */
export const decodeObject = (
  body: Uint8Array,
  format: BodyFormat,
  def: ResourceDefinition,
  models: SchemaModels,
  validation: FieldValidation,
): E.Either<ApiError, Decoded> => {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  const parsed = format === 'json' ? parseJson(text) : parseYaml(text)
  if (E.isLeft(parsed)) return parsed
  const { value, duplicates } = parsed.right
  if (tooDeep(value)) return E.left(badRequest(`couldn't get version/kind; ${format} parse error: ${tooDeepMessage}`))
  const outOfRange = nonFinitePath(value, '')
  if (outOfRange !== undefined)
    return E.left(
      badRequest(`couldn't get version/kind; ${format} parse error: number out of range at ${outOfRange === '' ? 'the top' : outOfRange}`),
    )
  if (!isJsonObject(value))
    return E.left(badRequest(`couldn't get version/kind; json parse error: expected a JSON object, got ${jsonType(value)}`))
  const mismatch = typeMetaMismatch(value, def)
  if (mismatch !== undefined) return E.left(mismatch)
  return checkStrict(value, def, models, validation, duplicates)
}

/** The strict decoding errors of an already decoded object (a protobuf body's, a patched object's), treated as `validation` says. */
export const checkStrict = (
  object: JsonObject,
  def: ResourceDefinition,
  models: SchemaModels,
  validation: FieldValidation,
  duplicates: ReadonlyArray<string> = [],
): E.Either<ApiError, Decoded> => {
  if (validation === 'Ignore') return E.right({ object, warnings: [] })
  const errors = strictErrors(unknownFields(object, { $ref: def.model }, models), duplicates)
  if (errors.length === 0 || validation === 'Warn') return E.right({ object, warnings: errors })
  const v = def.version
  return E.left(
    badRequest(
      `${def.kind} in version ${JSON.stringify(v)} cannot be handled as a ${def.kind}: strict decoding error: ${errors.join(', ')}`,
    ),
  )
}

/**
 * How many characters of field paths the strict errors of one object may name. Paths share their
 * prefixes until they are written out, so a long key above many duplicates would otherwise make a
 * message of gigabytes from a 3 MiB body.
 */
export const maxStrictErrorChars = 1 << 20

/**
 * The strict errors of unknown and duplicate fields, in upstream's words and order: the first always,
 * the others while their paths fit in `maxStrictErrorChars`.
 * Port note: upstream names every field, whatever the message's length.
 */
const strictErrors = (unknown: ReadonlyArray<string>, duplicates: ReadonlyArray<string>): ReadonlyArray<string> => {
  const named = [...unknown.map((f) => ['unknown', f] as const), ...duplicates.map((f) => ['duplicate', f] as const)]
  const out: string[] = []
  let chars = 0
  for (const [what, field] of named) {
    chars += field.length
    if (chars > maxStrictErrorChars && out.length > 0) break
    out.push(`${what} field ${JSON.stringify(field)}`)
  }
  return out
}

/** 400 unless the body's `apiVersion` and `kind`, where given, are the resource's. */
export const typeMetaMismatch = (o: JsonObject, def: ResourceDefinition): ApiError | undefined => {
  const { kind, apiVersion } = o
  const expected = apiVersionOf(def)
  if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== expected) {
    return badRequest(`the API version in the data (${String(apiVersion)}) does not match the expected API version (${expected})`)
  }
  if (kind !== undefined && kind !== '' && kind !== def.kind)
    return badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (${def.kind})`)
  return undefined
}

interface Parsed {
  readonly value: JsonValue
  readonly duplicates: ReadonlyArray<string>
}

/**
 * The path of the first number JSON or YAML read as infinite (`1e400`, `.inf`): Go's decoder refuses
 * such a number, and JSON cannot write it back (it would be stored as `null`).
 */
const nonFinitePath = (v: JsonValue, path: string): string | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : path
  if (v === null || typeof v !== 'object') return undefined
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = nonFinitePath(v[i] as JsonValue, `${path}[${i}]`)
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const [k, child] of Object.entries(v as JsonObject)) {
    const found = nonFinitePath(child, path === '' ? k : `${path}.${k}`)
    if (found !== undefined) return found
  }
  return undefined
}

const parseJson = (text: string): E.Either<ApiError, Parsed> =>
  E.tryCatch(
    () => ({ value: JSON.parse(text) as JsonValue, duplicates: duplicateFields(text) }),
    (e) => badRequest(`couldn't get version/kind; json parse error: ${e instanceof Error ? e.message : String(e)}`),
  )

const parseYaml = (text: string): E.Either<ApiError, Parsed> => {
  const lenient = parseDocument(text, yamlParseOptions)
  const first = lenient.errors[0]
  if (first !== undefined) return E.left(badRequest(`couldn't get version/kind; yaml parse error: ${first.message}`))
  const value = E.tryCatch(
    () => lenient.toJS(yamlToJsOptions) as JsonValue,
    (e) => badRequest(`couldn't get version/kind; yaml parse error: ${e instanceof Error ? e.message : String(e)}`),
  )
  if (E.isLeft(value)) return value
  const duplicates: string[] = []
  yamlDuplicates(lenient.contents, '', duplicates)
  return E.right({ value: value.right ?? null, duplicates })
}

/** The paths of keys repeated in one YAML map, named as `duplicateFields` names JSON's. */
const yamlDuplicates = (node: unknown, path: string, found: string[]): void => {
  if (isSeq(node)) return node.items.forEach((item, i) => yamlDuplicates(item, `${path}[${i}]`, found))
  if (!isMap(node)) return
  const seen = new Set<string>()
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    const field = path === '' ? key : `${path}.${key}`
    if (seen.has(key)) found.push(field)
    seen.add(key)
    yamlDuplicates(pair.value, field, found)
  }
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
