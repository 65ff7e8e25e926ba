import * as E from 'fp-ts/lib/Either.js'

/** A translated piece of a Go pattern: JavaScript (`v`-mode) source and the index after it in the Go pattern. */
export type Piece = readonly [js: string, next: number]

/** A code point read from a Go pattern and the index after it. */
export type CodePoint = readonly [cp: number, next: number]

/** Go's `regexp/syntax` error text: ``error parsing regexp: <code>: `<expr>` ``. */
export const goSyntaxError = (code: string, expr: string): string => `error parsing regexp: ${code}: \`${expr}\``

const invalidRange = 'invalid character class range'
const invalidEscape = 'invalid escape sequence'

type Ranges = ReadonlyArray<readonly [number, number]>
const word: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]
const perlGroups: ReadonlyMap<string, Ranges> = new Map([
  ['d', [[0x30, 0x39]]],
  [
    's',
    [
      [0x09, 0x0a],
      [0x0c, 0x0d],
      [0x20, 0x20],
    ],
  ],
  ['w', word],
])
const posixGroups: ReadonlyMap<string, Ranges> = new Map<string, Ranges>([
  [
    'alnum',
    [
      [0x30, 0x39],
      [0x41, 0x5a],
      [0x61, 0x7a],
    ],
  ],
  [
    'alpha',
    [
      [0x41, 0x5a],
      [0x61, 0x7a],
    ],
  ],
  ['ascii', [[0x00, 0x7f]]],
  [
    'blank',
    [
      [0x09, 0x09],
      [0x20, 0x20],
    ],
  ],
  [
    'cntrl',
    [
      [0x00, 0x1f],
      [0x7f, 0x7f],
    ],
  ],
  ['digit', [[0x30, 0x39]]],
  ['graph', [[0x21, 0x7e]]],
  ['lower', [[0x61, 0x7a]]],
  ['print', [[0x20, 0x7e]]],
  [
    'punct',
    [
      [0x21, 0x2f],
      [0x3a, 0x40],
      [0x5b, 0x60],
      [0x7b, 0x7e],
    ],
  ],
  [
    'space',
    [
      [0x09, 0x0d],
      [0x20, 0x20],
    ],
  ],
  ['upper', [[0x41, 0x5a]]],
  ['word', word],
  [
    'xdigit',
    [
      [0x30, 0x39],
      [0x41, 0x46],
      [0x61, 0x66],
    ],
  ],
])
const cEscapes: ReadonlyMap<string, number> = new Map([
  ['a', 7],
  ['f', 12],
  ['n', 10],
  ['r', 13],
  ['t', 9],
  ['v', 11],
])
const specialProperties: ReadonlyMap<string, string> = new Map([
  ['Any', 'Any'],
  ['Assigned', 'Assigned'],
  ['Ascii', 'ASCII'],
  ['Lc', 'gc=LC'],
])

/** UTF-16 length of a code point. */
export const width = (cp: number): number => (cp > 0xffff ? 2 : 1)

const isAlnum = (cp: number): boolean => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)
const hex = (cp: number): string => `\\u{${cp.toString(16)}}`

/** A code point as JavaScript `v`-mode source: ASCII letters and digits as they are, everything else escaped. */
export const literal = (cp: number): string => (isAlnum(cp) ? String.fromCodePoint(cp) : hex(cp))

const rangeText = (lo: number, hi: number): string => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)
const groupText = (ranges: Ranges, negated: boolean, inClass: boolean): string => {
  const body = ranges.map(([lo, hi]) => rangeText(lo, hi)).join('')
  return negated ? `[^${body}]` : inClass ? body : `[${body}]`
}

/** A Perl class escape (`\d \s \w` and negations, ASCII only as in Go) at `pos`, or `undefined`. */
export const perlClass = (src: string, pos: number, inClass: boolean): Piece | undefined => {
  const letter = src[pos] === '\\' ? src[pos + 1] : undefined
  const ranges = letter === undefined ? undefined : perlGroups.get(letter.toLowerCase())
  return ranges === undefined ? undefined : [groupText(ranges, letter !== letter!.toLowerCase(), inClass), pos + 2]
}

/** A Unicode class (`\pN`, `\p{Greek}`, `\P{^L}`) at `pos`; `undefined` when there is none. */
export const unicodeClass = (src: string, pos: number): E.Either<string, Piece | undefined> => {
  const p = src[pos + 1]
  if (src[pos] !== '\\' || (p !== 'p' && p !== 'P')) return E.right(undefined)
  const brace = src[pos + 2] === '{'
  const end = brace ? src.indexOf('}', pos) : pos + 2 + (pos + 2 < src.length ? width(src.codePointAt(pos + 2)!) : 0)
  if (end < 0) return E.left(goSyntaxError(invalidRange, src.slice(pos)))
  const next = brace ? end + 1 : end
  const raw = src.slice(pos + (brace ? 3 : 2), end)
  const negated = (p === 'P') !== raw.startsWith('^')
  const property = unicodeProperty(raw.startsWith('^') ? raw.slice(1) : raw)
  if (property === undefined) return E.left(goSyntaxError(invalidRange, src.slice(pos, next)))
  return E.right([`\\${negated ? 'P' : 'p'}{${property}}`, next])
}

const unicodeProperty = (name: string): string | undefined => {
  const canonical = canonicalName(name)
  const special = specialProperties.get(canonical)
  if (special !== undefined) return special
  return [canonical, name].flatMap((n) => [`gc=${n}`, `sc=${n}`]).find(isJsProperty)
}

const isJsProperty = (property: string): boolean => E.isRight(E.tryCatch(() => new RegExp(`\\p{${property}}`, 'v'), E.toError))

/** Go's `canonicalName`: separators `_ - space` dropped, first letter upper case, the rest lower case. */
const canonicalName = (name: string): string => {
  const letters = name.replace(/[_\- ]/g, '')
  return letters.slice(0, 1).toUpperCase() + letters.slice(1).toLowerCase()
}

/** A single-character escape (`\.`, `\n`, `\123`, `\x7F`, `\x{10FFFF}`) at `pos`, with Go's errors. */
export const parseEscape = (src: string, pos: number): E.Either<string, CodePoint> => {
  if (pos + 1 >= src.length) return E.left(goSyntaxError('trailing backslash at end of expression', ''))
  const c = src.codePointAt(pos + 1)!
  const t = pos + 1 + width(c)
  if (c < 0x80 && !isAlnum(c)) return E.right([c, t])
  if (c >= 0x31 && c <= 0x37 && !isOctal(src, t)) return E.left(goSyntaxError(invalidEscape, src.slice(pos, t)))
  if (c >= 0x30 && c <= 0x37) return E.right(octal(src, c - 0x30, t))
  if (c === 0x78) return hexEscape(src, pos, t)
  const simple = cEscapes.get(String.fromCodePoint(c))
  return simple === undefined ? E.left(goSyntaxError(invalidEscape, src.slice(pos, t))) : E.right([simple, t])
}

const isOctal = (src: string, i: number): boolean => src[i] !== undefined && src[i]! >= '0' && src[i]! <= '7'

const octal = (src: string, first: number, start: number): CodePoint => {
  let [r, t] = [first, start]
  for (; t < start + 2 && isOctal(src, t); t++) r = r * 8 + src.charCodeAt(t) - 0x30
  return [r, t]
}

const unhex = (ch: string | undefined): number => (ch !== undefined && /^[0-9A-Fa-f]$/.test(ch) ? parseInt(ch, 16) : -1)

const hexEscape = (src: string, pos: number, start: number): E.Either<string, CodePoint> => {
  const bad = (end: number) => E.left(goSyntaxError(invalidEscape, src.slice(pos, end)))
  if (start >= src.length) return bad(start)
  if (src[start] === '{') return bracedHex(src, pos, start + 1)
  const afterX = start + width(src.codePointAt(start)!)
  const end = afterX < src.length ? afterX + width(src.codePointAt(afterX)!) : afterX
  const [x, y] = [unhex(src[start]), afterX < end ? unhex(src[afterX]) : -1]
  return x < 0 || y < 0 ? bad(end) : E.right([x * 16 + y, end])
}

const bracedHex = (src: string, pos: number, start: number): E.Either<string, CodePoint> => {
  let [r, t] = [0, start]
  for (; t < src.length && src[t] !== '}'; t += width(src.codePointAt(t)!)) {
    const v = unhex(src[t])
    if (v < 0 || r * 16 + v > 0x10ffff) return E.left(goSyntaxError(invalidEscape, src.slice(pos, t + width(src.codePointAt(t)!))))
    r = r * 16 + v
  }
  if (t >= src.length || t === start) return E.left(goSyntaxError(invalidEscape, src.slice(pos, Math.min(t + 1, src.length))))
  return E.right([r, t + 1])
}

/** A bracketed class (`[a-z\d[:alpha:]\p{Greek}]`) at `pos`, translated to a `v`-mode class, with Go's errors. */
export const parseClass = (src: string, pos: number): E.Either<string, Piece> => {
  const negated = src[pos + 1] === '^'
  let t = pos + (negated ? 2 : 1)
  const parts: string[] = []
  for (let first = true; t >= src.length || src[t] !== ']' || first; first = false) {
    const item = classItem(src, t, pos)
    if (E.isLeft(item)) return item
    parts.push(item.right[0])
    t = item.right[1]
  }
  return E.right([`[${negated ? '^' : ''}${parts.join('')}]`, t + 1])
}

const classItem = (src: string, t: number, start: number): E.Either<string, Piece> => {
  const named = src.startsWith('[:', t) && src.length - t > 2 ? posixClass(src, t) : undefined
  if (named !== undefined) return named
  const uni = unicodeClass(src, t)
  if (E.isLeft(uni) || uni.right !== undefined) return uni as E.Either<string, Piece>
  const perl = perlClass(src, t, true)
  return perl !== undefined ? E.right(perl) : classRange(src, t, start)
}

const posixClass = (src: string, t: number): E.Either<string, Piece> | undefined => {
  const close = src.indexOf(':]', t + 2)
  if (close < 0) return undefined
  const inner = src.slice(t + 2, close)
  const negated = inner.startsWith('^')
  const ranges = posixGroups.get(negated ? inner.slice(1) : inner)
  if (ranges === undefined) return E.left(goSyntaxError(invalidRange, src.slice(t, close + 2)))
  return E.right([groupText(ranges, negated, true), close + 2])
}

const classRange = (src: string, t: number, start: number): E.Either<string, Piece> => {
  const lo = classChar(src, t, start)
  if (E.isLeft(lo)) return lo
  const [l, next] = lo.right
  if (src.length - next < 2 || src[next] !== '-' || src[next + 1] === ']') return E.right([rangeText(l, l), next])
  const hi = classChar(src, next + 1, start)
  if (E.isLeft(hi)) return hi
  const [h, end] = hi.right
  return h < l ? E.left(goSyntaxError(invalidRange, src.slice(t, end))) : E.right([rangeText(l, h), end])
}

const classChar = (src: string, t: number, start: number): E.Either<string, CodePoint> => {
  if (t >= src.length) return E.left(goSyntaxError('missing closing ]', src.slice(start)))
  if (src[t] === '\\') return parseEscape(src, t)
  const cp = src.codePointAt(t)!
  return E.right([cp, t + width(cp)])
}
