import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  cpuProfileSeconds,
  invalidSecondsMessage,
  parseGoInt,
  tooLongMessage,
  windowSeconds,
} from '../../../src/lifecycle/profiling/profile-seconds.js'

const goInt = suite('parseGoInt')

goInt("reads what Go's ParseInt(s, 10, 64) reads: a sign and decimal digits within int64", () => {
  assert.equal(['5', '+5', '-5', '007', '9223372036854775807', '-9223372036854775808'].map(parseGoInt), [
    5,
    5,
    -5,
    7,
    Number(2n ** 63n - 1n),
    Number(-(2n ** 63n)),
  ])
})

goInt('refuses what Go refuses: blanks, decimals, hex, spaces, overflow', () => {
  for (const s of ['', ' 5', '5 ', '1.5', '0x10', '1e3', '+', '9223372036854775808', '-9223372036854775809', '５'])
    assert.is(parseGoInt(s), undefined, s)
})

goInt('never throws: any text gives the number it spells within int64, or nothing', () => {
  const spelled = fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String)
  fc.assert(
    fc.property(fc.oneof(fc.string(), spelled), (s) => {
      const n = parseGoInt(s)
      const exact = /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : undefined
      const fits = exact !== undefined && exact <= 2n ** 63n - 1n && exact >= -(2n ** 63n)
      return fits ? n === Number(exact) : n === undefined
    }),
  )
})

goInt.run()

const cpu = suite('cpuProfileSeconds')

cpu('takes a positive integer as the duration', () => {
  assert.equal(cpuProfileSeconds('1', 300), E.right(1))
  assert.equal(cpuProfileSeconds('300', 300), E.right(300))
})

cpu('means 30 seconds when seconds is missing, not an integer or not positive, as Go', () => {
  for (const raw of [undefined, '', 'abc', '0', '-4', '2.5', '99999999999999999999'])
    assert.equal(cpuProfileSeconds(raw, 300), E.right(30), raw)
})

cpu("refuses more than the server's maximum", () => {
  assert.equal(cpuProfileSeconds('301', 300), E.left(tooLongMessage(300)))
  assert.equal(cpuProfileSeconds(undefined, 10), E.left("profile duration exceeds server's maximum of 10 seconds"))
})

cpu('any input gives a duration in 1..max or a refusal, never a throw', () => {
  fc.assert(
    fc.property(fc.option(fc.string(), { nil: undefined }), fc.integer({ min: 1, max: 1000 }), (raw, max) => {
      const r = cpuProfileSeconds(raw, max)
      return E.isLeft(r) || (Number.isInteger(r.right) && r.right >= 1 && r.right <= max)
    }),
  )
})

cpu.run()

const window = suite('windowSeconds')

window('takes a positive integer up to the maximum', () => {
  assert.equal(windowSeconds('1', 300), E.right(1))
  assert.equal(windowSeconds('+300', 300), E.right(300))
})

window("refuses anything else with Go's delta-profile message, and too long with the maximum", () => {
  for (const raw of ['', 'x', '0', '-1', '1.0']) assert.equal(windowSeconds(raw, 300), E.left(invalidSecondsMessage), raw)
  assert.is(invalidSecondsMessage, 'invalid value for "seconds" - must be a positive integer')
  assert.equal(windowSeconds('301', 300), E.left(tooLongMessage(300)))
})

window.run()
