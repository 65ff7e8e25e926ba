import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { answer, answerOf, answered, text } from '../../src/core/index.js'

const marks = suite('answered')

marks('is a promise fulfilled with the value, and says so at once', async () => {
  const res = text(200, 'now')
  const p = answered(res)
  assert.ok(p instanceof Promise)
  assert.is(answerOf(p), res)
  assert.is(await p, res)
})

marks('other promises are not known: fulfilled, pending or rejected', async () => {
  const res = text(200, 'later')
  assert.is(answerOf(Promise.resolve(res)), undefined)
  assert.is(answerOf(new Promise<never>(() => undefined)), undefined)
  const rejected = Promise.reject(new Error('no'))
  assert.is(answerOf(rejected), undefined)
  await rejected.catch(() => undefined)
})

marks('a promise chained from an answered one is not known either', async () => {
  const p = answered(1).then((n) => n + 1)
  assert.is(answerOf(p), undefined)
  assert.is(await p, 2)
})

const task = suite('answer')

task('is a Task whose every run gives a new answered promise of the value', async () => {
  const res = text(201, 'made')
  const t = answer(res)
  const first = t()
  const second = t()
  assert.is.not(first, second)
  assert.is(answerOf(first), res)
  assert.is(answerOf(second), res)
  assert.is(await first, res)
})

marks.run()
task.run()
