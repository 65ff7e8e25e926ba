import * as E from 'fp-ts/lib/Either.js'
import { isInt64 } from './int64.js'

/**
 * Checks a label selector against apimachinery's `labels.Parse` grammar and validation: comma-separated
 * requirements `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a,b)`,
 * `key>n`, `key<n`; keys are qualified names, values label values (or integers for `>`/`<`).
 * Returns the selector unchanged when it is valid.
 * @example
 * validateLabelSelector('app=web,tier in (front,back),!canary') // right('app=web,tier in (front,back),!canary')
 * validateLabelSelector('app=') // right: an empty value is allowed
 * validateLabelSelector('app==web,') // left: an identifier must follow ','
 */
export const validateLabelSelector = (selector: string): E.Either<string, string> => {
  const p: Parser = { items: lex(selector), pos: 0 }
  for (;;) {
    const next = peek(p)
    if (next.kind === 'eos') return E.right(selector)
    if (next.kind !== 'id' && next.kind !== '!') return E.left(`found '${next.lit}', expected: !, identifier, or 'end of string'`)
    const err = parseRequirement(p) ?? afterRequirement(p)
    if (err === 'done') return E.right(selector)
    if (err !== undefined) return E.left(err)
  }
}

type Kind = 'eos' | 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'error'

interface Token {
  readonly kind: Kind
  readonly lit: string
}

interface Lexer {
  readonly s: string
  pos: number
}

interface Parser {
  readonly items: ReadonlyArray<Token>
  pos: number
}

const NUL = '\0'
const symbols: ReadonlyMap<string, Kind> = new Map<string, Kind>(['(', ')', ',', '!', '=', '==', '!=', '>', '<'].map((s) => [s, s as Kind]))
const keywords: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ['in', 'in'],
  ['notin', 'notin'],
])
const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n'
const isSpecial = (c: string): boolean => '=!(),><'.includes(c) && c !== ''

/** Tokenizes like upstream's byte lexer; a NUL character ends the input where upstream's would. */
const lex = (s: string): Token[] => {
  const l: Lexer = { s, pos: 0 }
  const items: Token[] = []
  for (let tok = lexOne(l); ; tok = lexOne(l)) {
    items.push(tok)
    if (tok.kind === 'eos') return items
  }
}

const lexOne = (l: Lexer): Token => {
  let ch = read(l)
  while (isWhitespace(ch)) ch = read(l)
  if (ch === NUL) return { kind: 'eos', lit: '' }
  l.pos--
  return isSpecial(ch) ? scanSymbol(l) : scanIdentifier(l)
}

const read = (l: Lexer): string => (l.pos < l.s.length ? (l.s[l.pos++] as string) : NUL)

const scanIdentifier = (l: Lexer): Token => {
  const start = l.pos
  while (l.pos < l.s.length && !endsIdentifier(l.s[l.pos] as string)) l.pos++
  const lit = l.s.slice(start, l.pos)
  if (l.s[l.pos] === NUL) l.pos++
  return { kind: keywords.get(lit) ?? 'id', lit }
}

const endsIdentifier = (c: string): boolean => c === NUL || isSpecial(c) || isWhitespace(c)

/** Reads the longest run of symbols that still forms an operator (`!=`, `==`, or one symbol). */
const scanSymbol = (l: Lexer): Token => {
  const start = l.pos
  let best: Token = { kind: 'error', lit: '' }
  while (l.pos < l.s.length && isSpecial(l.s[l.pos] as string)) {
    const lit = l.s.slice(start, l.pos + 1)
    const kind = symbols.get(lit)
    if (kind === undefined && best.kind !== 'error') break
    l.pos++
    if (kind !== undefined) best = { kind, lit }
  }
  if (l.s[l.pos] === NUL) l.pos++
  return best
}

/** The current token; in value position `in` and `notin` are plain identifiers. */
const peek = (p: Parser, asValue = true): Token => {
  const tok = p.items[Math.min(p.pos, p.items.length - 1)] as Token
  return asValue && (tok.kind === 'in' || tok.kind === 'notin') ? { kind: 'id', lit: tok.lit } : tok
}

const take = (p: Parser, asValue = true): Token => {
  const tok = peek(p, asValue)
  p.pos++
  return tok
}

/** After a requirement: the end (`'done'`), or a comma followed by another requirement. */
const afterRequirement = (p: Parser): string | undefined => {
  const t = take(p)
  if (t.kind === 'eos') return 'done'
  if (t.kind !== ',') return `found '${t.lit}', expected: ',' or 'end of string'`
  const n = peek(p)
  return n.kind === 'id' || n.kind === '!' ? undefined : `found '${n.lit}', expected: identifier after ','`
}

/** Parses and validates one requirement; `undefined` when it is valid, else the reason. */
const parseRequirement = (p: Parser): string | undefined => {
  const negated = peek(p).kind === '!'
  if (negated) p.pos++
  const key = take(p)
  if (key.kind !== 'id') return `found '${key.lit}', expected: identifier`
  if (!isQualifiedName(key.lit)) return `invalid label key "${key.lit}"`
  const next = peek(p).kind
  if (negated || next === 'eos' || next === ',') return undefined
  const op = take(p, false)
  if (op.kind === 'in' || op.kind === 'notin') return checkValues(parseValues(p))
  if (!exactOperators.has(op.kind)) return `found '${op.lit}', expected: '=', '!=', '==', 'in', notin'`
  const value = parseExactValue(p)
  if (typeof value !== 'string' || (op.kind !== '>' && op.kind !== '<') || isInt64(value)) return checkValues(value)
  return `for 'Gt', 'Lt' operators, the value must be an integer`
}

const exactOperators: ReadonlySet<Kind> = new Set<Kind>(['=', '==', '!=', '>', '<'])

interface Failure {
  readonly error: string
}

const checkValues = (values: ReadonlyArray<string> | string | Failure): string | undefined => {
  if (typeof values === 'object' && 'error' in values) return values.error
  const bad = (typeof values === 'string' ? [values] : values).find((v) => !isLabelValue(v))
  return bad === undefined ? undefined : `invalid label value: "${bad}"`
}

/** `(a,b)` after `in`/`notin`; `()` is the set holding the empty value. */
const parseValues = (p: Parser): ReadonlyArray<string> | Failure => {
  const open = take(p)
  if (open.kind !== '(') return { error: `found '${open.lit}' expected: '('` }
  const first = peek(p)
  if (first.kind === ')') return (p.pos++, [''])
  if (first.kind !== 'id' && first.kind !== ',') return { error: `found '${first.lit}', expected: ',', ')' or identifier` }
  const values: string[] = []
  for (let step = valueListStep(p, values); step !== 'end'; step = valueListStep(p, values)) {
    if (step !== 'more') return step
  }
  const close = take(p)
  return close.kind === ')' ? values : { error: `found '${close.lit}', expected: ')'` }
}

/**
 * One step of upstream's identifier list: an identifier must be followed by `,` or `)`; a comma right
 * before `)` ends the list; a second comma is consumed with the first (so `(a,,)` is an error upstream).
 * Empty entries only ever add the empty value, which is always valid, so they are not recorded.
 */
const valueListStep = (p: Parser, values: string[]): 'more' | 'end' | Failure => {
  const t = take(p)
  if (t.kind !== 'id' && t.kind !== ',') return { error: `found '${t.lit}', expected: ',', or identifier` }
  if (t.kind === 'id') values.push(t.lit)
  const next = peek(p)
  if (next.kind === ')') return 'end'
  if (t.kind === 'id') return next.kind === ',' ? 'more' : { error: `found '${next.lit}', expected: ',' or ')'` }
  if (next.kind === ',') p.pos++
  return 'more'
}

/** The single value after `=`, `==`, `!=`, `>`, `<`: empty when the requirement ends there. */
const parseExactValue = (p: Parser): string | Failure => {
  const n = peek(p)
  if (n.kind === 'eos' || n.kind === ',') return ''
  p.pos++
  return n.kind === 'id' ? n.lit : { error: `found '${n.lit}', expected: identifier` }
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** Upstream's `IsQualifiedName`: `[dns-subdomain/]name`, the name at most 63 characters. */
const isQualifiedName = (k: string): boolean => {
  const slash = k.indexOf('/')
  const name = slash < 0 ? k : k.slice(slash + 1)
  if (slash >= 0 && !isDns1123Subdomain(k.slice(0, slash))) return false
  return name.length <= 63 && QUALIFIED_NAME.test(name)
}

const isDns1123Subdomain = (s: string): boolean => s.length <= 253 && DNS1123_SUBDOMAIN.test(s)

/** Upstream's `IsValidLabelValue`: empty, or at most 63 characters of `[A-Za-z0-9_.-]` starting and ending alphanumeric. */
const isLabelValue = (v: string): boolean => v === '' || (v.length <= 63 && QUALIFIED_NAME.test(v))
