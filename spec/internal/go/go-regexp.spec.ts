import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { compileGoRegexp } from '../../../src/internal/go/go-regexp.js'

const compile = (pattern: string): RegExp => {
  const r = compileGoRegexp(pattern)
  if (E.isLeft(r)) throw new Error(`expected ${pattern} to compile, got ${r.left}`)
  return r.right
}
const errorOf = (pattern: string): string => {
  const r = compileGoRegexp(pattern)
  if (E.isRight(r)) throw new Error(`expected ${pattern} to fail, got ${String(r.right)}`)
  return r.left
}
/** Any code point but a surrogate, often a regexp metacharacter. */
const codePoint = fc.oneof(
  fc.constantFrom(...'\\.+*?()|[]{}^$-/:'),
  fc
    .integer({ min: 0, max: 0x10ffff })
    .filter((c) => c < 0xd800 || c > 0xdfff)
    .map((c) => String.fromCodePoint(c)),
)
const text = fc.string({ unit: codePoint, maxLength: 8 })
/** Go's `regexp.QuoteMeta`. */
const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`)

const errors = suite('compileGoRegexp errors')

// Go's own table (regexp/all_test.go badRe), plus the other parser errors.
const goErrors: ReadonlyArray<readonly [string, string]> = [
  ['*', 'missing argument to repetition operator: `*`'],
  ['+', 'missing argument to repetition operator: `+`'],
  ['?', 'missing argument to repetition operator: `?`'],
  ['(abc', 'missing closing ): `(abc`'],
  ['abc)', 'unexpected ): `abc)`'],
  ['x[a-z', 'missing closing ]: `[a-z`'],
  ['[z-a]', 'invalid character class range: `z-a`'],
  ['abc\\', 'trailing backslash at end of expression: ``'],
  ['a**', 'invalid nested repetition operator: `**`'],
  ['a*+', 'invalid nested repetition operator: `*+`'],
  ['a*??', 'invalid nested repetition operator: `*??`'],
  ['a{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
  ['\\x', 'invalid escape sequence: `\\x`'],
  ['\\xZ1', 'invalid escape sequence: `\\xZ1`'],
  ['\\x{}', 'invalid escape sequence: `\\x{}`'],
  ['\\x{110000}', 'invalid escape sequence: `\\x{110000`'],
  ['\\1', 'invalid escape sequence: `\\1`'],
  ['\\8', 'invalid escape sequence: `\\8`'],
  ['\\q', 'invalid escape sequence: `\\q`'],
  ['\\C', 'invalid escape sequence: `\\C`'],
  ['[\\b]', 'invalid escape sequence: `\\b`'],
  ['(?=a)', 'invalid or unsupported Perl syntax: `(?=`'],
  ['(?!a)', 'invalid or unsupported Perl syntax: `(?!`'],
  ['(?P=n)', 'invalid or unsupported Perl syntax: `(?P`'],
  ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
  ['(?-)', 'invalid or unsupported Perl syntax: `(?-)`'],
  ['(?<=a)', 'invalid named capture: `(?<=a)`'],
  ['(?P<n!>a)', 'invalid named capture: `(?P<n!>`'],
  ['a{1001}', 'invalid repeat count: `{1001}`'],
  ['a{3,2}', 'invalid repeat count: `{3,2}`'],
  ['(a{100}){100}', 'invalid repeat count: `{100}`'],
  ['\\p{Foo}', 'invalid character class range: `\\p{Foo}`'],
  ['\\p{Greek', 'invalid character class range: `\\p{Greek`'],
  ['[[:foo:]]', 'invalid character class range: `[:foo:]`'],
  ['[]', 'missing closing ]: `[]`'],
]

errors('answers the error text of Go regexp.Compile', () => {
  for (const [pattern, message] of goErrors) assert.is(errorOf(pattern), `error parsing regexp: ${message}`, pattern)
})

errors('refuses a (?i) that covers only part of the expression', () => {
  assert.is(errorOf('a(?i)b'), 'go regexp `a(?i)b` cannot be translated to javascript: (?i) must cover the whole expression')
  assert.ok(errorOf('(?i:a)b').includes('(?i) must cover the whole expression'))
  assert.ok(errorOf('(?i)a(?-i)b').includes('(?i) must cover the whole expression'))
})

const matching = suite('compileGoRegexp matching')

const cases: ReadonlyArray<readonly [string, string, boolean]> = [
  ['example.com', 'http://evil-example.com.attacker', true],
  ['^https://example\\.com(:|$)', 'https://example.com:6443', true],
  ['^https://example\\.com(:|$)', 'https://example.com.evil', false],
  ['^a.b$', 'a\nb', false],
  ['(?s)^a.b$', 'a\nb', true],
  ['a$', 'a\n', false],
  ['(?m)^b$', 'a\nb\nc', true],
  ['(?m)^b', 'a\rb', false],
  ['^\\s$', '\v', false],
  ['^\\s$', '\f', true],
  ['^\\w$', 'é', false],
  ['^\\pL$', 'é', true],
  ['^\\PL$', 'é', false],
  ['^\\p{Greek}+$', 'αβγ', true],
  ['^[[:^alpha:]]$', '1', true],
  ['^[[:^alpha:]]$', 'a', false],
  ['^[^a]$', '\n', true],
  ['^\\Q.*\\E$', '.*', true],
  ['^\\Q.*\\E$', 'ab', false],
  ['^\\101\\x42\\x{43}$', 'ABC', true],
  ['^.$', '😀', true],
  ['^\\x{1F600}$', '😀', true],
  ['(?i)^https://EXAMPLE\\.com$', 'https://example.COM', true],
  ['^(?i)k$', '\u212a', true],
  ['\\Aab\\z', 'ab', true],
  ['\\bfoo\\b', 'a foo b', true],
  ['\\bfoo\\b', 'afoob', false],
  ['^a{2,3}$', 'a', false],
  ['^a{2,3}$', 'aaa', true],
  ['^a{2,}$', 'aaaaaa', true],
  ['^a{,3}$', 'a{,3}', true],
  ['^a{01}$', 'a{01}', true],
  ['^(?P<host>[a-z]+)\\.com$', 'example.com', true],
  ['^(?U)a+?$', 'aaa', true],
  ['^^*a$', 'a', true],
  ['^[]a]+$', ']a]', true],
  ['^[a-]+$', '-a-', true],
  ['^\\-\\.\\/\\_$', '-./_', true],
  ['', 'anything', true],
  ['^(a|b|)$', '', true],
]

matching('matches as Go matches', () => {
  for (const [pattern, input, expected] of cases)
    assert.is(compile(pattern).test(input), expected, `${pattern} on ${JSON.stringify(input)}`)
})

matching('a quoted literal matches exactly where the text contains it', () => {
  fc.assert(
    fc.property(text, text, text, (lit, pre, post) => {
      const re = compile(quoteMeta(lit))
      assert.ok(re.test(pre + lit + post))
      assert.is(compile(`^${quoteMeta(lit)}$`).test(pre + post), pre + post === lit)
    }),
  )
})

matching('never throws on any pattern', () => {
  const alphabet = fc.constantFrom(
    'a',
    '.',
    '*',
    '+',
    '?',
    '(',
    ')',
    '[',
    ']',
    '^',
    '$',
    '|',
    '\\',
    '{',
    '}',
    '1',
    ',',
    '-',
    ':',
    'p',
    'x',
    'Q',
    'E',
    'i',
  )
  fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (p) => void compileGoRegexp(p)))
})

errors.run()
matching.run()
