import { type JsonValue, isJsonObject } from '../json-value.js'

/**
 * A decoded JSON value as Go's `fmt` prints it with `%v`: `map[a:1 b:[x y]]` with sorted keys,
 * `<nil>` for null, strings bare. Used where upstream's messages print values that way.
 */
export const goFormat = (v: JsonValue | undefined): string => {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`
  if (isJsonObject(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goFormat(v[k])}`)
      .join(' ')}]`
  if (typeof v === 'number') return goFloat(v)
  return String(v)
}

/** Go's `%v` of a float64: shortest form, exponent from 1e21 as `1e+21`. */
const goFloat = (n: number): string => {
  const s = String(n)
  return s.includes('e') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s
}

/** The Go type name of a decoded JSON value, as `%T`/reflect print it in upstream's messages. */
export const goTypeName = (v: JsonValue | undefined): string => {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return '[]interface {}'
  if (isJsonObject(v)) return 'map[string]interface {}'
  if (typeof v === 'number') return 'float64'
  return typeof v === 'boolean' ? 'bool' : 'string'
}
