import * as E from 'fp-ts/lib/Either.js'

/** Size limits of a response's `Warning` headers, in runes (code points) of warning text. */
export interface WarningLimits {
  /** Upstream's `truncateAtTotalRunes`: past this total, warnings are truncated, then dropped. */
  readonly totalRunes: number
  /** Upstream's `truncateItemRunes`: what each text is cut to once truncating. */
  readonly itemRunes: number
}

/** Upstream's limits: 4096 runes in all, 256 per warning once truncating. */
export const warningLimits: WarningLimits = { totalRunes: 4096, itemRunes: 256 }

/**
 * Formats a `Warning` header value like apimachinery's `NewWarningHeader`: `299 <agent> "<text>"`, an
 * empty agent written `-`, `"` and `\` in the text escaped with `\`. A lone surrogate counts as
 * invalid UTF-8.
 * @example
 * newWarningHeader(299, '', 'deprecated "v1"') // right('299 - "deprecated \\"v1\\""')
 */
export const newWarningHeader = (code: number, agent: string, text: string): E.Either<string, string> => {
  if (!Number.isInteger(code) || code < 0 || code > 999) return E.left('code must be between 0 and 999')
  if (agent !== '' && badAgent.test(agent)) {
    return E.left('agent must be valid UTF-8 and must not contain spaces, quotes, backslashes, or control characters')
  }
  if (badText.test(text)) return E.left('text must be valid UTF-8 and must not contain control characters')
  const quoted = text.replace(needsEscape, '\\$&')
  return E.right(`${String(code).padStart(3, '0')} ${agent === '' ? '-' : agent} "${quoted}"`)
}

/** Counts runes (code points, as Go's `utf8.RuneCountInString`), not UTF-16 units. */
export const runeCount = (s: string): number => {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) i++
    n++
  }
  return n
}

/** The first `n` runes of `s`; lone surrogates become U+FFFD, as Go's `string([]rune(s)[:n])`. */
export const truncateRunes = (s: string, n: number): string => {
  let out = ''
  let taken = 0
  for (const ch of s) {
    if (taken++ >= n) break
    out += ch.length === 1 && isSurrogate(ch.charCodeAt(0)) ? '\ufffd' : ch
  }
  return out
}

/** The `Warning` header values of one response, built as upstream's recorder builds them. */
export interface WarningHeaderList {
  /** Records a warning (code 299); empty, repeated (by text) and invalid warnings add nothing. */
  readonly add: (agent: string, text: string) => void
  /** The header values so far, in order. */
  readonly values: () => ReadonlyArray<string>
  /** True once the total went past the limit: earlier values were rewritten, cut to `itemRunes`. */
  readonly truncating: () => boolean
}

/**
 * Makes an empty list with `limits` (upstream's recorder; the limits are parameters so specs can use
 * small ones). While the total fits, warnings are appended; the first that does not switches to
 * truncation: every recorded warning is re-added cut to `itemRunes` and `onTruncate` runs once; then
 * warnings are cut and appended until the total reaches `totalRunes`, and ignored after that.
 */
export const newWarningHeaderList = (limits: WarningLimits, onTruncate: () => void): WarningHeaderList => {
  const recorded = new Set<string>()
  const ordered: Array<readonly [agent: string, text: string]> = []
  let values: string[] = []
  let written = 0
  let truncating = false

  const append = (agent: string, text: string): boolean => {
    const cut = truncating ? cutItem(text, limits.itemRunes) : { text, runes: runeCount(text) }
    const header = newWarningHeader(299, agent, cut.text)
    if (E.isLeft(header)) return true
    if (!truncating && written + cut.runes > limits.totalRunes) return false
    written += cut.runes
    values.push(header.right)
    return true
  }

  const startTruncating = (): void => {
    truncating = true
    written = 0
    values = []
    onTruncate()
    for (const [agent, text] of ordered) append(agent, text)
  }

  const add = (agent: string, text: string): void => {
    if (text === '' || (truncating && written >= limits.totalRunes) || recorded.has(text)) return
    recorded.add(text)
    ordered.push([agent, text])
    if (!append(agent, text)) startTruncating()
  }

  return { add, values: () => values, truncating: () => truncating }
}

const cutItem = (text: string, itemRunes: number): { readonly text: string; readonly runes: number } => {
  const runes = runeCount(text)
  return runes > itemRunes ? { text: truncateRunes(text, itemRunes), runes: itemRunes } : { text, runes }
}

// Go's unicode.IsSpace is the White_Space property; unicode.IsControl is Cc; a lone surrogate (Cs
// under the `u` flag) is what invalid UTF-8 becomes in a JS string.
const badAgent = /[\\"\p{White_Space}\p{Cc}\p{Cs}]/u
const badText = /[\p{Cc}\p{Cs}]/u
const needsEscape = /["\\]/g

const isSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdfff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff
