import * as E from 'fp-ts/lib/Either.js'
import type { JsonValue } from '../json-value.js'

/**
 * How deep a patch or a patched object may nest. Go's decoder allows 10000 levels; the patchers here
 * recurse, so they stop far earlier, and far above any API object's depth.
 */
export const maxJsonDepth = 1000

/** The message for a value nested deeper than `maxJsonDepth`. */
export const tooDeepMessage = `exceeded max depth of ${maxJsonDepth}`

/**
 * Parses bytes as JSON; the Left is the parser's message, or `tooDeepMessage`.
 * Port note: upstream quotes Go's `encoding/json` messages (`invalid character 'x' looking for beginning
 * of value`); this one quotes JavaScript's.
 */
export const parseJsonBytes = (bytes: Uint8Array): E.Either<string, JsonValue> => {
  const parsed = E.tryCatch(
    () => JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as JsonValue,
    (e) => (e instanceof Error ? e.message : String(e)),
  )
  return E.isRight(parsed) && tooDeep(parsed.right) ? E.left(tooDeepMessage) : parsed
}

/** Whether a value nests objects and arrays deeper than `maxJsonDepth` (checked without recursion). */
export const tooDeep = (v: JsonValue): boolean => {
  const stack: Array<readonly [JsonValue, number]> = [[v, 0]]
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [x, depth] = top
    if (x === null || typeof x !== 'object') continue
    if (depth >= maxJsonDepth) return true
    for (const child of Object.values(x)) stack.push([child as JsonValue, depth + 1])
  }
  return false
}

/** The JSON type name Go's decoder reports in `cannot unmarshal <type> into ...`. */
export const goJsonType = (v: JsonValue): string => {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'object') return 'object'
  return typeof v
}

/** Structural equality of two JSON values (object key order does not matter). */
export const jsonEqual = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => {
  if (a === b) return true
  if (a === null || b === null || a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((x: JsonValue, i: number) => jsonEqual(x, b[i]))
  }
  const ka = Object.keys(a)
  const bo = b as Readonly<Record<string, JsonValue>>
  return (
    ka.length === Object.keys(bo).length &&
    ka.every((k) => Object.hasOwn(bo, k) && jsonEqual((a as Readonly<Record<string, JsonValue>>)[k], bo[k]))
  )
}

/** A deep, mutable copy of a JSON value, for the patchers to edit in place. */
export const cloneJson = <A extends JsonValue>(v: A): A => structuredClone(v)

/** Sets an own key, `__proto__` included (plain assignment would change the prototype). */
export const setKey = (o: Record<string, JsonValue>, key: string, value: JsonValue): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
}
