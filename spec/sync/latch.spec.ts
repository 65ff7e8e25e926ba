import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newLatch } from '../../src/sync/latch.js'

const latch = suite('newLatch')

latch('fires once: the flag turns and the promise resolves', async () => {
  const l = newLatch('ShutdownInitiated')
  assert.is(l.name, 'ShutdownInitiated')
  assert.is(l.isFired(), false)
  let resolved = false
  void l.fired.then(() => (resolved = true))
  await Promise.resolve()
  assert.is(resolved, false)
  l.fire()
  l.fire()
  assert.is(l.isFired(), true)
  await l.fired
  assert.is(resolved, true)
})

latch.run()
