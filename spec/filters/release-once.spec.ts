import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { releaseOnce } from '../../src/filters/release-once.js'

const once = suite('releaseOnce')

once('releases on the first run only, whatever the outcomes', () => {
  let calls = 0
  const f = releaseOnce(() => void (calls += 1))
  assert.is(calls, 0)
  f('aborted')
  f('finished')
  f('discarded')
  assert.is(calls, 1)
})

once('each finalizer has its own flag', () => {
  let calls = 0
  const a = releaseOnce(() => void (calls += 1))
  const b = releaseOnce(() => void (calls += 1))
  a('finished')
  b('finished')
  assert.is(calls, 2)
})

once.run()
