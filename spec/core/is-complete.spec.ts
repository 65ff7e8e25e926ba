import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Done,
  type Response,
  addFinalizer,
  bytes,
  empty,
  flushedAtOnceBytes,
  isComplete,
  newCancelSource,
  runFinalizers,
  setHeader,
  stream,
  text,
  whenDone,
  withDeadline,
} from '../../src/core/index.js'
import { makeRequest } from '../support/request.js'

const test = suite('isComplete')

async function* none(): AsyncIterable<string> {}

test('an empty body and a one-piece body up to flushedAtOnceBytes are complete', () => {
  assert.ok(isComplete(empty(204)))
  assert.ok(isComplete(text(200, 'x'.repeat(flushedAtOnceBytes))))
  assert.ok(isComplete(bytes(200, new Uint8Array(flushedAtOnceBytes))))
})

test('a larger one-piece body and a stream are written over time', () => {
  assert.not.ok(isComplete(text(200, 'x'.repeat(flushedAtOnceBytes + 1))))
  assert.not.ok(isComplete(bytes(200, new Uint8Array(flushedAtOnceBytes + 1))))
  assert.not.ok(isComplete(stream(200, none())))
})

test('whenDone releases a large body when it ended, not when it was answered', () => {
  const outcomes: Done[] = []
  const release = (o: Done): void => void outcomes.push(o)
  const big = bytes(200, new Uint8Array(flushedAtOnceBytes + 1))
  const res = whenDone(() => big, makeRequest('/'), release)
  assert.equal(outcomes, [], 'not released yet')
  runFinalizers(res as Response, 'finished')
  assert.equal(outcomes, ['finished'])
})

test('withDeadline keeps everything but the deadline, and finalizers keep the deadline', () => {
  const token = newCancelSource().token
  const res = withDeadline(text(200, 'x'), token)
  assert.is(res.deadline, token)
  assert.is(res.status, 200)
  assert.is(text(200, 'x').deadline, undefined)
  const finalized = addFinalizer(() => undefined)(setHeader('x-a', '1')(res))
  assert.is(finalized.deadline, token, 'copies made by finalizers and headers keep it')
})

test.run()
