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
  empty,
  stream,
  takeover,
  text,
  upgrade,
} from '../../src/core/index.js'
import { WebSocketServer } from 'ws'
import { chunksOf, makeRequest, run, statusOf } from '../support/request.js'

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

const responses = (): ReadonlyArray<readonly [string, Response]> => [
  ['a stream', stream(200, chunksOf('a'))],
  ['an upgrade', upgrade(new WebSocketServer({ noServer: true }), () => undefined)],
  ['a takeover', takeover(() => undefined)],
]

released('releases a complete response when the task gave it, with finished, and returns it as it is', async () => {
  for (const res of [text(200, 'ok'), empty(204)]) {
    const seen: Outcome[] = []
    const out = await ensureReleased(() => Promise.resolve(res), (o) => seen.push(o))()
    assert.equal(seen, ['finished'])
    assert.is(out, res)
  }
})

released('makes release a finalizer of a response that works on after it is given, run once', async () => {
  for (const [name, res] of responses()) {
    const seen: Outcome[] = []
    const out = await ensureReleased(() => Promise.resolve(res), (o) => seen.push(o))()
    assert.equal(seen, [], name)
    runFinalizers(out, 'aborted')
    runFinalizers(out, 'finished')
    assert.equal(seen, ['aborted'], `${name}: released once, even when its finalizers ran twice`)
  }
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

seated('releases a complete answered response in the same turn and returns its promise as it is', () => {
  const seen: Outcome[] = []
  const answering = answered(text(200, 'ok'))
  const p = runReleased(() => () => answering, makeRequest('/'), (o) => seen.push(o))
  assert.is(p, answering)
  assert.equal(seen, ['finished'])
})

seated('adds the finalizer to any other answered response in the same turn', () => {
  for (const [name, res] of responses()) {
    const seen: Outcome[] = []
    const out = answerOf(runReleased(() => () => answered(res), makeRequest('/'), (o) => seen.push(o)))
    assert.ok(out !== undefined, `${name}: the result is answered`)
    assert.equal(seen, [])
    runFinalizers(out, 'finished')
    assert.equal(seen, ['finished'], name)
  }
})

seated('waits for a response that comes later, and releases at once on a defect', async () => {
  const seen: Outcome[] = []
  const p = runReleased(() => () => Promise.resolve(text(200, 'ok')), makeRequest('/'), (o) => seen.push(o))
  assert.is(answerOf(p), undefined)
  assert.equal(seen, [])
  assert.is(statusOf(await p), 200)
  assert.equal(seen, ['finished'])
  const failing: Handler = () => () => Promise.reject(new Error('no'))
  await runReleased(failing, makeRequest('/'), (o) => seen.push(o)).catch(() => undefined)
  assert.equal(seen, ['finished', 'aborted'])
})

seated('a release that throws is a defect: the promise rejects, nothing throws out of runReleased', async () => {
  const boom = new Error('negative counter')
  const throwing = (): void => {
    throw boom
  }
  for (const inner of [() => answered(text(200, 'ok')), () => Promise.resolve(text(200, 'ok'))]) {
    const p = runReleased(() => inner, makeRequest('/'), throwing)
    assert.is(await p.then(() => 'resolved', (e: unknown) => e), boom)
  }
})

handler.run()
mapped.run()
released.run()
seated.run()
