import { goJson } from '../core/go-json.js'

/** A string no JSON or Go escape touches: written between quotes as it is. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be escaped
const plain = /^[^"\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]*$/

/** What Go escapes beyond JSON. */
const goOnly = /[<>&\u2028\u2029]/

/**
 * A JSON string as `goJson` writes it (Go's escaping of `<`, `>`, `&`, U+2028, U+2029); `goJson`'s replace
 * pass only when Go escapes more than JSON does.
 * @example
 * quote('a<b') // '"a\\u003cb"'
 */
export const quote = (s: string): string => {
  if (plain.test(s)) return `"${s}"`
  const json = JSON.stringify(s)
  return goOnly.test(json) ? goJson(s) : json
}

/**
 * `quote` that remembers the strings it quoted, for strings that come again and again (verbs, annotation
 * keys and values, the timestamp of the current millisecond): a lookup instead of a scan. It holds at most
 * `limit` strings of at most `longest` characters; when full it starts afresh, so what it holds stays bounded.
 * @example
 * const q = quoteMemo()
 * q('RBAC: allowed by "x"') // '"RBAC: allowed by \\"x\\""', then from memory
 */
export const quoteMemo = (limit = 1024, longest = 512): ((s: string) => string) => {
  const memo = new Map<string, string>()
  return (s) => {
    if (s.length > longest) return quote(s)
    const known = memo.get(s)
    if (known !== undefined) return known
    const json = quote(s)
    if (memo.size >= limit) memo.clear()
    memo.set(s, json)
    return json
  }
}
