import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { addAfterWaitForbidden, newSafeWaitGroup } from '../../src/sync/safe-wait-group.js'
import { flush } from '../filters/shutdown-fixtures.js'

const wg = suite('newSafeWaitGroup')

wg('add counts requests and done gives them back', () => {
  const g = newSafeWaitGroup()
  assert.ok(E.isRight(g.add()))
  assert.ok(E.isRight(g.add()))
  assert.is(g.count(), 2)
  g.done()
  assert.is(g.count(), 1)
})

wg('wait resolves at once when nothing is counted', async () => {
  let resolved = false
  void newSafeWaitGroup()
    .wait()
    .then(() => (resolved = true))
  await flush()
  assert.ok(resolved)
})

wg('wait resolves only when the count reaches zero, for every waiter', async () => {
  const g = newSafeWaitGroup()
  g.add()
  g.add()
  const seen: string[] = []
  void g.wait().then(() => seen.push('a'))
  void g.wait().then(() => seen.push('b'))
  g.done()
  await flush()
  assert.equal(seen, [])
  g.done()
  await flush()
  assert.equal(seen, ['a', 'b'])
})

wg("add fails with upstream's message once wait has started, and leaves the count alone", () => {
  const g = newSafeWaitGroup()
  g.add()
  void g.wait()
  const again = g.add()
  assert.equal(again, E.left('add with positive delta after Wait is forbidden'))
  assert.is(addAfterWaitForbidden, 'add with positive delta after Wait is forbidden')
  assert.is(g.count(), 1)
})

wg('add keeps failing after the wait resolved', async () => {
  const g = newSafeWaitGroup()
  await g.wait()
  assert.ok(E.isLeft(g.add()))
})

wg('done without a matching add throws instead of going negative', () => {
  const g = newSafeWaitGroup()
  assert.throws(() => g.done(), /negative wait group counter/)
  assert.is(g.count(), 0)
})

wg.run()
