import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { lifecycleSignalNames, newLifecycleSignals } from '../../src/sync/lifecycle-signals.js'

const signals = suite('newLifecycleSignals')

signals('makes eight latches carrying upstream names, none fired', () => {
  const s = newLifecycleSignals()
  assert.equal(
    Object.values(s).map((l) => l.name),
    Object.values(lifecycleSignalNames),
  )
  assert.equal(Object.values(lifecycleSignalNames).length, 8)
  assert.ok(Object.values(s).every((l) => !l.isFired()))
  assert.is(s.httpServerStoppedListening.name, 'HTTPServerStoppedListening')
})

signals('reports each signal once, at the moment it fires, before awaiting code runs', async () => {
  const fired: string[] = []
  const s = newLifecycleSignals((n) => fired.push(n))
  void s.shutdownInitiated.fired.then(() => fired.push('awaited'))
  s.shutdownInitiated.fire()
  s.shutdownInitiated.fire()
  s.hasBeenReady.fire()
  assert.equal(fired, ['ShutdownInitiated', 'HasBeenReady'])
  await s.shutdownInitiated.fired
  assert.equal(fired, ['ShutdownInitiated', 'HasBeenReady', 'awaited'])
  assert.ok(s.shutdownInitiated.isFired())
})

signals.run()
