import * as E from 'fp-ts/lib/Either.js'
import {
  type CodePoint,
  type Piece,
  goSyntaxError,
  literal,
  parseClass,
  parseEscape,
  perlClass,
  unicodeClass,
  width,
} from './go-regexp-class.js'
import { type Counted, maxRepeat, parseCount, quantifier, repeatIsValid } from './go-regexp-repeat.js'

/** Go's flags: case-insensitive, multi-line, dot matches newline, ungreedy. */
type Flags = Readonly<Record<'i' | 'm' | 's' | 'U', boolean>>

interface Atom {
  readonly js: string
  readonly counted: ReadonlyArray<Counted>
}

interface Frame {
  readonly saved: Flags
  readonly alts: string[]
  readonly counted: Counted[]
  atoms: Atom[]
}

interface State {
  readonly src: string
  pos: number
  flags: Flags
  readonly frames: Frame[]
  /** Where the previous token started, if it was a repetition (Go rejects `a**`). */
  lastRepeat: number | undefined
  folded: boolean
  unfolded: boolean
}

/** A token's outcome: Go's error text, or whether the token was a repetition. */
type Parsed = E.Either<string, boolean>

const noFlags: Flags = { i: false, m: false, s: false, U: false }
const zeroWidth: ReadonlyMap<string, string> = new Map([
  ['A', '^'],
  ['z', '$'],
  ['b', '\\b'],
  ['B', '\\B'],
])

/**
 * Compiles a Go (RE2) regular expression to an equivalent JavaScript RegExp for matching (`test`), or
 * returns Go's `regexp.Compile` error text (`error parsing regexp: missing closing ): \`(abc\``).
 * Port note: translated to a `v`-mode RegExp; groups become non-capturing and `(?U)`/lazy operators keep
 * their meaning. `(?i)` must cover every letter and class of the expression (it maps to the `i` flag);
 * a partial `(?i)` is refused with a message saying so. Go's size limits ("expression too large") are not checked.
 * @example
 * pipe(compileGoRegexp('^https://example\\.com(:|$)'), E.exists((re) => re.test('https://example.com:443'))) // true
 */
export const compileGoRegexp = (pattern: string): E.Either<string, RegExp> => {
  const st: State = { src: pattern, pos: 0, flags: noFlags, frames: [], lastRepeat: undefined, folded: false, unfolded: false }
  openGroup(st, noFlags)
  while (st.pos < pattern.length) {
    const start = st.pos
    const r = token(st)
    if (E.isLeft(r)) return r
    st.lastRepeat = r.right ? start : undefined
  }
  if (st.frames.length !== 1) return E.left(goSyntaxError('missing closing )', pattern))
  if (st.folded && st.unfolded)
    return E.left(`go regexp \`${pattern}\` cannot be translated to javascript: (?i) must cover the whole expression`)
  const js = closeAlternative(st.frames[0]!).join('|')
  return E.tryCatch(
    () => new RegExp(js, st.folded ? 'iv' : 'v'),
    (e) => `go regexp \`${pattern}\` cannot be translated to javascript: ${E.toError(e).message}`,
  )
}

const token = (st: State): Parsed => {
  const c = st.src[st.pos]!
  switch (c) {
    case '(':
      return st.src[st.pos + 1] === '?' ? perlFlags(st) : (openGroup(st, st.flags), advance(st, 1))
    case '|':
      closeAlternative(top(st))
      return advance(st, 1)
    case ')':
      return closeGroup(st)
    case '^':
    case '$':
    case '.':
      return push(st, [simpleAtom(st.flags, c), st.pos + 1], false)
    case '[':
      return E.chain((p: Piece) => push(st, p, true))(parseClass(st.src, st.pos))
    case '*':
    case '+':
    case '?':
      return repeat(st, st.pos + 1, c, undefined)
    case '{':
      return counted(st)
    case '\\':
      return backslash(st)
    default:
      return pushLiteral(st, [st.src.codePointAt(st.pos)!, st.pos + width(st.src.codePointAt(st.pos)!)])
  }
}

/** `^` and `$` also match at line feeds (and only those, as in Go) under `(?m)`; `.` matches a line feed only under `(?s)`. */
const simpleAtom = (flags: Flags, c: string): string => {
  if (c === '.') return flags.s ? '[^]' : '[^\\n]'
  if (c === '^') return flags.m ? '(?<![^\\n])' : '^'
  return flags.m ? '(?![^\\n])' : '$'
}

const top = (st: State): Frame => st.frames[st.frames.length - 1]!
const advance = (st: State, n: number): Parsed => ((st.pos += n), E.right(false))

const push = (st: State, [js, next]: Piece, caseSensitive: boolean): Parsed => {
  if (caseSensitive && st.flags.i) st.folded = true
  else if (caseSensitive) st.unfolded = true
  top(st).atoms.push({ js, counted: [] })
  st.pos = next
  return E.right(false)
}

const pushLiteral = (st: State, [cp, next]: CodePoint): Parsed => {
  const ch = String.fromCodePoint(cp)
  return push(st, [literal(cp), next], ch.toLowerCase() !== ch.toUpperCase())
}

const openGroup = (st: State, saved: Flags): void => void st.frames.push({ saved, alts: [], counted: [], atoms: [] })

const closeAlternative = (f: Frame): string[] => {
  f.alts.push(f.atoms.map((a) => a.js).join(''))
  f.counted.push(...f.atoms.flatMap((a) => a.counted))
  f.atoms = []
  return f.alts
}

const closeGroup = (st: State): Parsed => {
  if (st.frames.length === 1) return E.left(goSyntaxError('unexpected )', st.src))
  const f = st.frames.pop()!
  const js = `(?:${closeAlternative(f).join('|')})`
  st.flags = f.saved
  top(st).atoms.push({ js, counted: f.counted })
  return advance(st, 1)
}

/** `(?flags)`, `(?flags:re)`, `(?P<name>re)`, `(?<name>re)`; anything else is Go's "invalid or unsupported Perl syntax". */
const perlFlags = (st: State): Parsed => {
  const named = namedGroup(st)
  if (named !== undefined) return named
  let [flags, negate, saw] = [st.flags, false, false]
  for (let t = st.pos + 2; t < st.src.length; ) {
    const c = st.src[t++]!
    if (c === 'i' || c === 'm' || c === 's' || c === 'U') [flags, saw] = [{ ...flags, [c]: !negate }, true]
    else if (c === '-' && !negate) [negate, saw] = [true, false]
    else if ((c === ':' || c === ')') && (saw || !negate)) return setFlags(st, flags, c === ':', t)
    else return E.left(goSyntaxError('invalid or unsupported Perl syntax', st.src.slice(st.pos, t - 1 + width(st.src.codePointAt(t - 1)!))))
  }
  return E.left(goSyntaxError('invalid or unsupported Perl syntax', st.src.slice(st.pos)))
}

const setFlags = (st: State, flags: Flags, group: boolean, next: number): Parsed => {
  if (group) openGroup(st, st.flags)
  st.flags = flags
  st.pos = next
  return E.right(false)
}

const namedGroup = (st: State): Parsed | undefined => {
  const rest = st.src.slice(st.pos)
  const python = rest.length > 4 && rest.startsWith('(?P<')
  if (!python && !(rest.length > 3 && rest[2] === '<')) return undefined
  const end = rest.indexOf('>')
  if (end < 0) return E.left(goSyntaxError('invalid named capture', rest))
  if (!/^[A-Za-z0-9_]+$/.test(rest.slice(python ? 4 : 3, end)))
    return E.left(goSyntaxError('invalid named capture', rest.slice(0, end + 1)))
  openGroup(st, st.flags)
  return advance(st, end + 1)
}

/** A count `{n,m}`, or a literal `{` when the brace does not start one, as in Go. */
const counted = (st: State): Parsed => {
  const parsed = parseCount(st.src, st.pos)
  if (parsed === undefined) return pushLiteral(st, [0x7b, st.pos + 1])
  return E.chain(([count, end]: readonly [Counted, number]) => repeat(st, end, '', count))(parsed)
}

const repeat = (st: State, opEnd: number, op: string, count: Counted | undefined): Parsed => {
  const lazy = st.src[opEnd] === '?'
  const after = lazy ? opEnd + 1 : opEnd
  if (st.lastRepeat !== undefined) return E.left(goSyntaxError('invalid nested repetition operator', st.src.slice(st.lastRepeat, after)))
  const sub = top(st).atoms.pop()
  if (sub === undefined) return E.left(goSyntaxError('missing argument to repetition operator', st.src.slice(st.pos, after)))
  const nested = count === undefined ? sub.counted : [{ ...count, nested: sub.counted }]
  if (count !== undefined && (count.min >= 2 || count.max >= 2) && !repeatIsValid(nested[0]!, maxRepeat)) {
    return E.left(goSyntaxError('invalid repeat count', st.src.slice(st.pos, after)))
  }
  top(st).atoms.push({ js: `(?:${sub.js})${quantifier(op, count, lazy !== st.flags.U)}`, counted: nested })
  st.pos = after
  return E.right(true)
}

const backslash = (st: State): Parsed => {
  const next = st.src[st.pos + 1]
  const assertion = next === undefined ? undefined : zeroWidth.get(next)
  if (assertion !== undefined) return push(st, [assertion, st.pos + 2], false)
  if (next === 'C') return E.left(goSyntaxError('invalid escape sequence', '\\C'))
  if (next === 'Q') return quoted(st)
  const uni = unicodeClass(st.src, st.pos)
  if (E.isLeft(uni)) return uni
  const cls = uni.right ?? perlClass(st.src, st.pos, false)
  if (cls !== undefined) return push(st, cls, true)
  return E.chain((cp: CodePoint) => pushLiteral(st, cp))(parseEscape(st.src, st.pos))
}

/** `\Q...\E`: literal text up to `\E` or the end. */
const quoted = (st: State): Parsed => {
  const end = st.src.indexOf('\\E', st.pos + 2)
  const stop = end < 0 ? st.src.length : end
  for (let t = st.pos + 2; t < stop; t += width(st.src.codePointAt(t)!)) pushLiteral(st, [st.src.codePointAt(t)!, t])
  st.pos = end < 0 ? stop : end + 2
  return E.right(false)
}
