import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatMicroTime, microTimeFormatter } from '../../src/audit/micro-time.js'

const Micro = suite('formatMicroTime')

Micro('writes six fraction digits in UTC', () => {
  assert.is(formatMicroTime(Date.UTC(2026, 10, 23, 10, 0, 0, 123) + 0.456), '2026-11-23T10:00:00.123456Z')
  assert.is(formatMicroTime(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), '2026-01-02T03:04:05.006000Z')
  assert.is(formatMicroTime(0), '1970-01-01T00:00:00.000000Z')
})

Micro('always has the RFC 3339 micro layout and parses back to the millisecond', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (ms, frac) => {
      const s = formatMicroTime(ms + frac)
      assert.match(s, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
      assert.is(Date.parse(s), Math.floor(ms + frac))
    }),
  )
})

Micro.run()

const Formatter = suite('microTimeFormatter')

Formatter('writes what formatMicroTime writes for any sequence of times, within a second or across seconds', () => {
  const time = fc.oneof(
    fc.integer({ min: -62_167_219_200_000, max: 8_639_000_000_000_000 }),
    fc.double({ min: 1_700_000_000_000, max: 1_700_000_003_000, noNaN: true }),
    fc.constantFrom(0, -0.5, 999.9996, 1000, 253_402_300_799_999.5, 253_402_300_800_000),
  )
  fc.assert(
    fc.property(fc.array(time, { maxLength: 20 }), (times) => {
      const format = microTimeFormatter()
      for (const ms of times) assert.is(format(ms), formatMicroTime(ms))
    }),
  )
})

Formatter.run()
