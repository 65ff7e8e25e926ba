import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { nanosToMillis, parseGoDuration } from '../../../src/internal/go/parse-go-duration.js'

const ns = 1n
const us = 1_000n
const ms = 1_000_000n
const sec = 1_000_000_000n
const min = 60n * sec
const hour = 60n * min
const maxInt64 = (1n << 63n) - 1n
const minInt64 = -(1n << 63n)

const parse = suite('parseGoDuration')

// Go's time_test.go parseDurationTests.
const valid: ReadonlyArray<readonly [string, bigint]> = [
  ['0', 0n],
  ['5s', 5n * sec],
  ['30s', 30n * sec],
  ['1478s', 1478n * sec],
  ['-5s', -5n * sec],
  ['+5s', 5n * sec],
  ['-0', 0n],
  ['+0', 0n],
  ['5.0s', 5n * sec],
  ['5.6s', 5n * sec + 600n * ms],
  ['5.s', 5n * sec],
  ['.5s', 500n * ms],
  ['1.0s', sec],
  ['1.00s', sec],
  ['1.004s', sec + 4n * ms],
  ['1.0040s', sec + 4n * ms],
  ['100.00100s', 100n * sec + ms],
  ['10ns', 10n * ns],
  ['11us', 11n * us],
  ['12\u00b5s', 12n * us],
  ['12\u03bcs', 12n * us],
  ['13ms', 13n * ms],
  ['14s', 14n * sec],
  ['15m', 15n * min],
  ['16h', 16n * hour],
  ['3h30m', 3n * hour + 30n * min],
  ['10.5s4m', 4n * min + 10n * sec + 500n * ms],
  ['-2m3.4s', -(2n * min + 3n * sec + 400n * ms)],
  ['1h2m3s4ms5us6ns', hour + 2n * min + 3n * sec + 4n * ms + 5n * us + 6n * ns],
  ['39h9m14.425s', 39n * hour + 9n * min + 14n * sec + 425n * ms],
  ['52763797000ns', 52763797000n],
  ['0.3333333333333333333h', 20n * min],
  ['9007199254740993ns', (1n << 53n) + 1n],
  ['9223372036854775807ns', maxInt64],
  ['9223372036854775.807us', maxInt64],
  ['9223372036s854ms775us807ns', maxInt64],
  ['-9223372036854775808ns', minInt64],
  ['-9223372036854775.808us', minInt64],
  ['-9223372036s854ms775us808ns', minInt64],
  ['-2562047h47m16.854775808s', minInt64],
  ['0.100000000000000000000h', 6n * min],
  ['0.830103483285477580700h', 49n * min + 48n * sec + 372539827n],
]

parse('parses what Go parses, to the same nanoseconds', () => {
  for (const [s, want] of valid) assert.equal(parseGoDuration(s), E.right(want), s)
})

// Go's time_test.go parseDurationErrorTests, plus the missing/unknown unit texts.
const invalid: ReadonlyArray<readonly [string, string]> = [
  ['', 'time: invalid duration ""'],
  ['3', 'time: missing unit in duration "3"'],
  ['10', 'time: missing unit in duration "10"'],
  ['-', 'time: invalid duration "-"'],
  ['s', 'time: invalid duration "s"'],
  ['.', 'time: invalid duration "."'],
  ['-.', 'time: invalid duration "-."'],
  ['.s', 'time: invalid duration ".s"'],
  ['+.s', 'time: invalid duration "+.s"'],
  ['1d', 'time: unknown unit "d" in duration "1d"'],
  ['10x', 'time: unknown unit "x" in duration "10x"'],
  ['foo', 'time: invalid duration "foo"'],
  ['1s ', 'time: unknown unit "s " in duration "1s "'],
  ['1\u00e9', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
  ['\ufffd', 'time: invalid duration "\\xef\\xbf\\xbd"'],
  ['\ufffd hello \ufffd world', 'time: invalid duration "\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world"'],
  ['1"s\\', 'time: unknown unit "\\"s\\\\" in duration "1\\"s\\\\"'],
  ['1\ts', 'time: unknown unit "\\x09s" in duration "1\\x09s"'],
  ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
  ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
  ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
  ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
  ['2562048h', 'time: invalid duration "2562048h"'],
  ['99999999999999999999s', 'time: invalid duration "99999999999999999999s"'],
]

parse('fails with Go error texts', () => {
  for (const [s, want] of invalid) assert.equal(parseGoDuration(s), E.left(want), JSON.stringify(s))
})

parse("wraps a sum of exactly 2^64 to zero, as Go's uint64 does", () => {
  assert.equal(parseGoDuration('9223372036854775808ns9223372036854775808ns'), E.right(0n))
})

parse('keeps fractions beyond 19 digits without failing', () => {
  assert.equal(parseGoDuration('1.00000000000000000000000001s'), E.right(sec))
})

/** Go's Duration.String, to generate what Go itself would print. */
const formatGoDuration = (d: bigint): string => {
  const sign = d < 0n ? '-' : ''
  const u = d < 0n ? -d : d
  if (u === 0n) return '0s'
  if (u < us) return `${sign}${u}ns`
  if (u < ms) return `${sign}${withFraction(u, 3)}\u00b5s`
  if (u < sec) return `${sign}${withFraction(u, 6)}ms`
  const seconds = `${withFraction(u % min, 9)}s`
  const minutes = u / min
  if (minutes === 0n) return sign + seconds
  const hours = minutes / 60n
  return `${sign}${hours > 0n ? `${hours}h` : ''}${minutes % 60n}m${seconds}`
}

const withFraction = (u: bigint, digits: number): string => {
  const scale = 10n ** BigInt(digits)
  const frac = (u % scale).toString().padStart(digits, '0').replace(/0+$/, '')
  return `${u / scale}${frac === '' ? '' : `.${frac}`}`
}

parse('round-trips every int64 duration printed in Go format', () => {
  const anyDuration = fc.oneof(
    fc.bigInt({ min: minInt64, max: maxInt64 }),
    fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }),
  )
  fc.assert(
    fc.property(anyDuration, (d) => assert.equal(parseGoDuration(formatGoDuration(d)), E.right(d), formatGoDuration(d))),
    { numRuns: 500 },
  )
})

const unitNs: Readonly<Record<string, bigint>> = { ns, us, '\u00b5s': us, '\u03bcs': us, ms, s: sec, m: min, h: hour }

parse('sums integer items in any units and order', () => {
  const item = fc.tuple(fc.bigInt({ min: 0n, max: 100_000n }), fc.constantFrom(...Object.keys(unitNs)))
  fc.assert(
    fc.property(fc.boolean(), fc.array(item, { minLength: 1, maxLength: 6 }), (neg, items) => {
      const text = (neg ? '-' : '') + items.map(([n, u]) => `${n}${u}`).join('')
      const total = items.reduce((acc, [n, u]) => acc + n * (unitNs[u] ?? 0n), 0n)
      assert.equal(parseGoDuration(text), E.right(neg ? -total : total), text)
    }),
    { numRuns: 300 },
  )
})

parse('never throws, whatever the text', () => {
  const alphabet = fc.constantFrom('0', '1', '9', '.', '-', '+', 'n', 'u', '\u00b5', 'm', 's', 'h', 'x', ' ', '"', '\ud800')
  const text = fc.oneof(fc.string({ unit: alphabet, maxLength: 24 }), fc.string({ maxLength: 24 }))
  fc.assert(
    fc.property(text, (s) => {
      const r = parseGoDuration(s)
      return E.isRight(r) ? typeof r.right === 'bigint' : r.left.startsWith('time: ')
    }),
    { numRuns: 1000 },
  )
})

const millis = suite('nanosToMillis')

millis('converts nanoseconds to fractional milliseconds', () => {
  assert.is(nanosToMillis(10n * sec), 10_000)
  assert.is(nanosToMillis(300n * us), 0.3)
  assert.is(nanosToMillis(-1n * sec), -1000)
})

parse.run()
millis.run()
