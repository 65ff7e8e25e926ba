import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { isInt64 } from '../../src/request/int64.js'

const int64 = suite('isInt64')

int64('accepts decimal integers with an optional sign and leading zeros', () => {
  assert.equal(['0', '-0', '+7', '0009', '9223372036854775807', '-9223372036854775808'].map(isInt64), [true, true, true, true, true, true])
})

int64('rejects empty, non-decimal, fractional, spaced and out-of-range values', () => {
  const bad = ['', '+', '-', '1.5', '1e3', '0x10', '1_000', ' 1', '1 ', '９', '9223372036854775808', '-9223372036854775809']
  assert.equal(
    bad.map(isInt64),
    bad.map(() => false),
  )
})

int64('agrees with BigInt on the int64 range for any digit string', () => {
  const digits = fc.tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,22}$/)).map(([s, d]) => s + d)
  fc.assert(
    fc.property(digits, (s) => {
      const n = BigInt(s)
      return isInt64(s) === (n >= -(2n ** 63n) && n < 2n ** 63n)
    }),
    { numRuns: 300 },
  )
})

int64.run()
