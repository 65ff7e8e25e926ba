import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Handler,
  type Outcome,
  type Response,
  answerOf,
  answered,
  constant,
  ensureReleased,
  identity,
  mapResponse,
  runFinalizers,
  runReleased,
  setHeader,
  setHeaderIfAbsent,
  text,
} from '../../src/core/index.js'
import { makeRequest, run, statusOf } from '../support/request.js'

const handler = suite('handler combinators')

handler('identity returns the same handler', () => {
  const h: Handler = constant(text(200, 'x'))
  assert.is(identity(h), h)
})

handler('constant always answers the same response, at once', async () => {
  const res = text(418, 'teapot')
  assert.is(await run(constant(res), makeRequest('/')), res)
  assert.is(answerOf(constant(res)(makeRequest('/'))()), res)
})

const mapped = suite('mapResponse')

const mark = setHeader('x-mapped', 'yes')

mapped('maps an answered response in the same turn and gives an answered one', async () => {
  const p = mapResponse(mark)(() => answered(text(200, 'ok')))()
  assert.is(answerOf(p)?.headers['x-mapped'], 'yes')
  assert.is((await p).headers['x-mapped'], 'yes')
})

mapped('gives the inner answered promise itself when the mapping returns its argument', () => {
  const inner = answered(text(200, 'ok', { 'x-mapped': 'already' }))
  const keep = setHeaderIfAbsent('x-mapped', 'yes')
  assert.is(mapResponse(keep)(() => inner)(), inner)
  assert.is.not(mapResponse(mark)(() => inner)(), inner)
})

mapped('maps any other response once its promise is fulfilled', async () => {
  const p = mapResponse(mark)(() => Promise.resolve(text(200, 'ok')))()
  assert.is(answerOf(p), undefined)
  assert.is((await p).headers['x-mapped'], 'yes')
})

mapped('a mapping that throws gives a rejected promise, on either path', async () => {
  const boom = new Error('map failed')
  const failing = mapResponse((_: Response): Response => {
    throw boom
  })
  for (const inner of [() => answered(text(200, 'ok')), () => Promise.resolve(text(200, 'ok'))]) {
    const p = failing(inner)()
    assert.is(answerOf(p), undefined)
    assert.is(await p.then(() => 'fulfilled', (e: unknown) => e), boom)
  }
})

mapped('a task that throws gives a rejected promise without mapping', async () => {
  let calls = 0
  const p = mapResponse((r: Response) => ((calls += 1), r))(() => {
    throw new Error('task threw')
  })()
  assert.match(String(await p.catch((e: unknown) => e)), /task threw/)
  assert.is(calls, 0)
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

const seated = suite('runReleased')

seated('adds the finalizer to an answered response in the same turn', () => {
  const seen: Outcome[] = []
  const inner: Handler = () => () => answered(text(200, 'ok'))
  const res = answerOf(runReleased(inner, makeRequest('/'), (o) => seen.push(o)))
  assert.ok(res !== undefined, 'the result is answered')
  assert.equal(seen, [])
  runFinalizers(res, 'finished')
  assert.equal(seen, ['finished'])
})

seated('adds it once any other response is there, and releases at once on a defect', async () => {
  const seen: Outcome[] = []
  const p = runReleased(() => () => Promise.resolve(text(200, 'ok')), makeRequest('/'), (o) => seen.push(o))
  assert.is(answerOf(p), undefined)
  runFinalizers(await p, 'aborted')
  assert.equal(seen, ['aborted'])
  const failing: Handler = () => () => Promise.reject(new Error('no'))
  await runReleased(failing, makeRequest('/'), (o) => seen.push(o)).catch(() => undefined)
  assert.equal(seen, ['aborted', 'aborted'])
})

handler.run()
mapped.run()
released.run()
seated.run()
