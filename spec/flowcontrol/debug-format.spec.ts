import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { goDuration, rfc3339Nano, seatSeconds } from '../../src/flowcontrol/debug-format.js'

const format = suite('debug-format: Go renderings')

format('seatSeconds prints eight decimals and ss', () => {
  assert.is(seatSeconds(0), '0.00000000ss')
  assert.is(seatSeconds(0.003), '0.00300000ss')
  assert.is(seatSeconds(12.5), '12.50000000ss')
  assert.is(seatSeconds(-1), '0.00000000ss')
})

format('goDuration follows time.Duration.String', () => {
  assert.is(goDuration(0), '0s')
  assert.is(goDuration(0.00025), '250ns')
  assert.is(goDuration(0.0015), '1.5µs')
  assert.is(goDuration(100), '100ms')
  assert.is(goDuration(1500), '1.5s')
  assert.is(goDuration(120_000), '2m0s')
  assert.is(goDuration(3_600_000), '1h0m0s')
  assert.is(goDuration(3_723_500), '1h2m3.5s')
  assert.is(goDuration(-100), '-100ms')
})

format('rfc3339Nano drops trailing zeros and the dot of a whole second', () => {
  assert.is(rfc3339Nano(Date.UTC(2026, 11, 7, 6, 36, 17)), '2026-12-07T06:36:17Z')
  assert.is(rfc3339Nano(Date.UTC(2026, 11, 7, 6, 36, 17, 120)), '2026-12-07T06:36:17.12Z')
  assert.is(rfc3339Nano(Date.UTC(2026, 11, 7, 6, 36, 17, 1) + 0.5), '2026-12-07T06:36:17.0015Z')
})

format('any finite input gives a string, never a throw', () => {
  fc.assert(
    fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
      assert.type(seatSeconds(x), 'string')
      assert.type(goDuration(x), 'string')
    }),
  )
  fc.assert(
    fc.property(fc.double({ min: 0, max: 4e12, noNaN: true }), (x) =>
      assert.match(rfc3339Nano(x), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/),
    ),
  )
})

format.run()
