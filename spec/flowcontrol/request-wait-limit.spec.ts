import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { requestWaitDeadline } from '../../src/flowcontrol/request-wait-limit.js'

const wait = suite('requestWaitDeadline')

wait('a request with a deadline waits a quarter of what its deadline allows from its arrival', () => {
  assert.is(requestWaitDeadline(1_000, 41_000, 15_000), 11_000)
})

wait('a request without a deadline waits the default', () => {
  assert.is(requestWaitDeadline(1_000, undefined, 15_000), 16_000)
})

wait('no request waits more than a minute', () => {
  assert.is(requestWaitDeadline(0, 3_600_000, 15_000), 60_000)
  assert.is(requestWaitDeadline(0, undefined, 120_000), 60_000)
})

wait.run()
