import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'

/** The operator of one field-selector term. */
export type FieldOperator = '=' | '==' | '!='

/** One term of a field selector: `metadata.name=foo` is `{ field: 'metadata.name', operator: '=', value: 'foo' }`. */
export interface FieldRequirement {
  readonly field: string
  readonly operator: FieldOperator
  /** The value with its `\` escapes removed. */
  readonly value: string
}

/** A parsed field selector: its terms in upstream's order (sorted by their raw text). */
export type FieldSelector = ReadonlyArray<FieldRequirement>

/**
 * Parses a field selector like apimachinery's `fields.ParseSelector`: terms split on unescaped `,`, each
 * split at its first `!=`, `==` or `=`; in values `\\`, `\,` and `\=` are escapes and a bare `,` or `=`
 * is an error. Empty terms are skipped, so `''` is the empty selector.
 * @example
 * parseFieldSelector('metadata.name=web,status.phase!=Failed')
 * // Right([{ field: 'metadata.name', operator: '=', value: 'web' }, { field: 'status.phase', operator: '!=', value: 'Failed' }])
 */
export const parseFieldSelector = (selector: string): E.Either<string, FieldSelector> => {
  const terms = splitTerms(selector).sort(compareCodePoints)
  const out: FieldRequirement[] = []
  for (const term of terms) {
    if (term === '') continue
    const parsed = parseTerm(selector, term)
    if (E.isLeft(parsed)) return parsed
    out.push(parsed.right)
  }
  return E.right(out)
}

/**
 * The value a selector requires `field` to equal (`=` or `==`), from its first such term; upstream's
 * `RequiresExactMatch`.
 * @example
 * requiresExactMatch([{ field: 'metadata.name', operator: '==', value: 'web' }], 'metadata.name') // some('web')
 */
export const requiresExactMatch = (selector: FieldSelector, field: string): O.Option<string> => {
  const hit = selector.find((r) => r.field === field && r.operator !== '!=')
  return hit === undefined ? O.none : O.some(hit.value)
}

/** Splits on commas that are not escaped; an escaped comma stays in its term, backslash included. */
const splitTerms = (selector: string): string[] => {
  if (selector === '') return []
  const terms: string[] = []
  let start = 0
  for (let i = 0; i < selector.length; i++) {
    const c = selector.charCodeAt(i)
    if (c === BACKSLASH) i++
    else if (c === COMMA) {
      terms.push(selector.slice(start, i))
      start = i + 1
    }
  }
  terms.push(selector.slice(start))
  return terms
}

/** Splits one term at its first operator (`!=` before `==` before `=`) and unescapes the value. */
const parseTerm = (selector: string, term: string): E.Either<string, FieldRequirement> => {
  const eq = term.indexOf('=')
  if (eq < 0) return E.left(`invalid selector: '${selector}'; can't understand '${term}'`)
  const at = eq > 0 && term.charCodeAt(eq - 1) === BANG ? eq - 1 : eq
  const operator: FieldOperator = at < eq ? '!=' : term.charCodeAt(eq + 1) === EQUALS ? '==' : '='
  const value = unescapeValue(term.slice(at + operator.length))
  return E.map((v: string) => ({ field: term.slice(0, at), operator, value: v }))(value)
}

/** Removes `\` escapes from a value; an unknown escape, a trailing `\` or a bare `,`/`=` is an error. */
const unescapeValue = (s: string): E.Either<string, string> => {
  if (!/[\\,=]/.test(s)) return E.right(s)
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string
    if (c === ',' || c === '=') return E.left(`invalid field selector: unescaped character in value: ${c.charCodeAt(0)}`)
    if (c !== '\\') out += c
    else if (i + 1 >= s.length) return E.left('invalid field selector: invalid escape sequence: \\')
    else if (!isEscapable(s[++i] as string)) return E.left(`invalid field selector: invalid escape sequence: \\${codePointAt(s, i)}`)
    else out += s[i]
  }
  return E.right(out)
}

const codePointAt = (s: string, i: number): string => String.fromCodePoint(s.codePointAt(i) as number)

const isEscapable = (c: string): boolean => c === '\\' || c === ',' || c === '='

/** Orders strings by code point, which is the byte order of their UTF-8 encodings (Go's string order). */
const compareCodePoints = (a: string, b: string): number => {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number
    const y = b.codePointAt(i) as number
    if (x !== y) return x - y
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

const BACKSLASH = 0x5c
const COMMA = 0x2c
const BANG = 0x21
const EQUALS = 0x3d
