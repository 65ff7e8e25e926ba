import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { parseResourceVersion } from '../../../src/endpoints/rest/resource-version.js'

const rv = suite('parseResourceVersion')

rv('reads empty as 0 and unsigned integers as themselves', () => {
  assert.equal([parseResourceVersion('', 'widgets', ''), parseResourceVersion('', 'widgets', '42')], [E.right(0), E.right(42)])
})

rv("anything else is 422 naming the resource and group, with Go's parse error", () => {
  const r = parseResourceVersion('example.kubechain.dev', 'widgets', 'x1')
  if (E.isRight(r) || r.left._tag !== 'Status') throw new Error('expected a Status')
  assert.is(r.left.status.code, 422)
  assert.is(
    r.left.status.message,
    'widgets.example.kubechain.dev "" is invalid: resourceVersion: Invalid value: "x1": strconv.ParseUint: parsing "x1": invalid syntax',
  )
  const big = parseResourceVersion('', 'widgets', '9999999999999999999')
  assert.ok(E.isLeft(big) && big.left._tag === 'Status' && big.left.status.message.endsWith('value out of range'))
})

rv('any string gives a number or an error, never a throw', () => {
  fc.assert(fc.property(fc.string(), (s) => E.isRight(parseResourceVersion('', 'r', s)) === /^[0-9]{1,15}$|^$/.test(s)))
})

rv.run()
