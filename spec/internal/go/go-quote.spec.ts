import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { goQuote } from '../../../src/internal/go/go-quote.js'

const quote = suite('goQuote')

/** Reads back what Go's `strconv.Quote` writes (the spec's own decoder, independent of the code under test). */
const unquote = (q: string): string => {
  assert.ok(q.startsWith('"') && q.endsWith('"') && q.length >= 2, q)
  const named: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' }
  return q
    .slice(1, -1)
    .replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|.)/gs, (_, e: string) =>
      e.length === 1 ? (named[e] ?? `<bad escape ${e}>`) : String.fromCodePoint(Number.parseInt(e.slice(1), 16)),
    )
}

/** The text with each lone surrogate replaced by U+FFFD (`String.prototype.toWellFormed`). */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')

quote('quotes plain text as it is', () => {
  assert.is(goQuote('Serving securely on [::]:6443'), '"Serving securely on [::]:6443"')
  assert.is(goQuote(''), '""')
})

quote('escapes quotes, backslashes and control characters as Go does', () => {
  assert.is(goQuote('say "hi"\\'), '"say \\"hi\\"\\\\"')
  assert.is(goQuote('a\nb\tc\rd\x07\b\f\v'), '"a\\nb\\tc\\rd\\a\\b\\f\\v"')
  assert.is(goQuote('\x00\x1b\x7f'), '"\\x00\\x1b\\x7f"')
})

quote('keeps printable Unicode and escapes unprintable runes with \\u or \\U', () => {
  assert.is(goQuote('héllo 世界 ✓'), '"héllo 世界 ✓"')
  assert.is(goQuote('\u00a0\u2028\u200b'), '"\\u00a0\\u2028\\u200b"')
  assert.is(goQuote('\u{e0001}'), '"\\U000e0001"')
  assert.is(goQuote('😀'), '"😀"')
})

quote('a lone surrogate is the replacement rune, as Go decodes it', () => {
  assert.is(goQuote('a\ud800b'), '"a\\ufffdb"')
})

quote('any text gives one quoted line that reads back to the same text', () => {
  const graphemes = fc.string({ unit: 'grapheme-composite' })
  const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) })
  fc.assert(
    fc.property(fc.oneof(graphemes, anyUnits), (s) => {
      const q = goQuote(s)
      assert.not.match(q, /[\n\r\u2028\u2029]/)
      assert.is(unquote(q), wellFormed(s))
    }),
    { numRuns: 500 },
  )
})

quote.run()
