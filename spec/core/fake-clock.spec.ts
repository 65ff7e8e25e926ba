import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/index.js'

const clock = suite('fakeClock')

clock('moves only when advanced and fires due timers in order', () => {
  const c = fakeClock(1000)
  const fired: string[] = []
  c.setTimer(() => fired.push(`b@${c.now()}`), 20)
  c.setTimer(() => fired.push(`a@${c.now()}`), 10)
  c.setTimer(() => fired.push(`c@${c.now()}`), 20)
  assert.is(c.now(), 1000)
  c.advance(15)
  assert.equal(fired, ['a@1010'])
  assert.is(c.now(), 1015)
  c.advance(5)
  assert.equal(fired, ['a@1010', 'b@1020', 'c@1020'])
  assert.is(c.pending(), 0)
})

clock('cancelled timers never fire; timers set by timers fire within the same advance', () => {
  const c = fakeClock()
  const fired: number[] = []
  const cancel = c.setTimer(() => fired.push(1), 5)
  c.setTimer(() => c.setTimer(() => fired.push(3), 5), 5)
  cancel()
  c.advance(10)
  assert.equal(fired, [3])
})

clock.run()
