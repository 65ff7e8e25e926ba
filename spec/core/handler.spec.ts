import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, type Outcome, constant, ensureReleased, identity, runFinalizers, text } from '../../src/core/index.js'
import { makeRequest, run, statusOf } from '../support/request.js'

const handler = suite('handler combinators')

handler('identity returns the same handler', () => {
  const h: Handler = constant(text(200, 'x'))
  assert.is(identity(h), h)
})

handler('constant always answers the same response', async () => {
  const res = text(418, 'teapot')
  assert.is(await run(constant(res), makeRequest('/')), res)
})

const released = suite('ensureReleased')

released('makes release a finalizer of the response, not a call at return time', async () => {
  const seen: Outcome[] = []
  const res = await ensureReleased(() => Promise.resolve(text(200, 'ok')), (o) => seen.push(o))()
  assert.equal(seen, [])
  runFinalizers(res, 'finished')
  assert.equal(seen, ['finished'])
  assert.is(statusOf(res), 200)
})

released('releases at once when the task rejects, and the defect goes on', async () => {
  const seen: Outcome[] = []
  const boom = new Error('boom')
  try {
    await ensureReleased(() => Promise.reject(boom), (o) => seen.push(o))()
    assert.unreachable('should have rejected')
  } catch (e) {
    assert.is(e, boom)
  }
  assert.equal(seen, ['aborted'])
})

released('releases at once when the task throws synchronously', async () => {
  const seen: Outcome[] = []
  const task = (): Promise<never> => {
    throw new Error('sync')
  }
  await ensureReleased(task, (o) => seen.push(o))().catch(() => undefined)
  assert.equal(seen, ['aborted'])
})

handler.run()
released.run()
