/** Printable ASCII other than `"` and `\`: text made only of these is quoted as it is. */
const plain = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u

const named: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
}

/**
 * Go's `strconv.Quote` (`%q`): a double-quoted string on one line, with `"` and `\` escaped, `\a \b \f
 * \n \r \t \v` by name, other control characters as `\xNN`, other unprintable runes as `\uNNNN` or
 * `\UNNNNNNNN`; printable Unicode stays as it is. Total: never throws.
 * Port note: a lone UTF-16 surrogate (no Go string holds one) is quoted as `\ufffd`, the rune Go's
 * decoder reads in its place.
 * @example
 * goQuote('say "hi"\n') // '"say \\"hi\\"\\n"'
 */
export const goQuote = (s: string): string => (plain.test(s) ? `"${s}"` : `"${escapeAll(s)}"`)

const escapeAll = (s: string): string => {
  let out = ''
  for (const ch of s) out += escapeRune(ch)
  return out
}

const escapeRune = (ch: string): string => {
  const byName = named[ch]
  if (byName !== undefined) return byName
  const r = ch.codePointAt(0) ?? 0
  if (r < 0x20 || r === 0x7f) return `\\x${hex(r, 2)}`
  if (r >= 0xd800 && r <= 0xdfff) return '\\ufffd'
  if (printable.test(ch)) return ch
  return r < 0x10000 ? `\\u${hex(r, 4)}` : `\\U${hex(r, 8)}`
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')
