import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { objectsPerSeat, workEstimator } from '../../src/flowcontrol/estimate-request-work.js'
import { oneSeat } from '../../src/flowcontrol/work-estimate.js'
import { resourceInfo } from '../support/request-info.js'

const estimate = suite('workEstimator')

estimate('without an object count every request is one seat', () => {
  const e = workEstimator()
  for (const verb of ['get', 'list', 'watch', 'create', 'update', 'delete']) assert.equal(e(resourceInfo(verb, 'configmaps'), 10), oneSeat)
})

estimate('a LIST of a collection is ceil(objects / 100) seats, within 1 and the level maximum', () => {
  const counts = new Map([
    ['a', 0],
    ['b', 250],
    ['c', 5000],
  ])
  const e = workEstimator((info) => counts.get(info.resource))
  assert.is(objectsPerSeat, 100)
  assert.equal(e(resourceInfo('list', 'a'), 10), oneSeat)
  assert.equal(e(resourceInfo('list', 'b'), 10), { initialSeats: 3, finalSeats: 0, additionalLatencyMs: 0 })
  assert.is(e(resourceInfo('list', 'c'), 10).initialSeats, 10)
  assert.is(e(resourceInfo('list', 'c'), 4).initialSeats, 4)
})

estimate('a LIST naming one object, an unknown count, or another verb is one seat', () => {
  const e = workEstimator(() => 5000)
  assert.equal(e(resourceInfo('list', 'b', { name: 'x' }), 10), oneSeat)
  assert.equal(e(resourceInfo('get', 'b'), 10), oneSeat)
  assert.equal(e(resourceInfo('create', 'b'), 10), oneSeat)
  assert.equal(workEstimator(() => undefined)(resourceInfo('list', 'b'), 10), oneSeat)
})

estimate.run()
