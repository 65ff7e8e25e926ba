import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pipe } from 'fp-ts/lib/function.js'
import {
  type Ended,
  addFinalizer,
  bytes,
  empty,
  json,
  runFinalizers,
  setHeader,
  setHeaderIfAbsent,
  stream,
  text,
} from '../../src/core/index.js'
import { bodyText } from '../support/request.js'

const constructors = suite('Response constructors')

constructors('text defaults the content type and keeps a given one', async () => {
  const r = text(200, 'hi')
  assert.is(r.headers['content-type'], 'text/plain; charset=utf-8')
  assert.is(await bodyText(r), 'hi')
  assert.is(text(200, '<b/>', { 'content-type': 'text/html' }).headers['content-type'], 'text/html')
})

constructors('json encodes the value', async () => {
  const r = json(201, { a: [1, 'b'] })
  assert.is(r.status, 201)
  assert.is(r.headers['content-type'], 'application/json')
  assert.is(await bodyText(r), '{"a":[1,"b"]}')
})

constructors('empty has no body and bytes sets no content type', async () => {
  assert.is(empty(204).body._tag, 'Empty')
  assert.equal(bytes(200, new Uint8Array([104, 105])).headers, {})
  assert.is(await bodyText(bytes(200, new Uint8Array([104, 105]))), 'hi')
})

constructors('stream carries its chunks', async () => {
  async function* chunks() {
    yield 'a'
    yield new Uint8Array([98])
  }
  assert.is(await bodyText(stream(200, chunks())), 'ab')
})

const headers = suite('Response headers')

headers('setHeader lower-cases and replaces', () => {
  const r = pipe(text(200, 'x'), setHeader('X-A', '1'), setHeader('x-a', ['2', '3']))
  assert.equal(r.headers['x-a'], ['2', '3'])
})

headers('setHeaderIfAbsent keeps a value set inside', () => {
  const inner = text(200, 'x', { 'cache-control': 'public' })
  assert.is(setHeaderIfAbsent('Cache-Control', 'no-cache, private')(inner).headers['cache-control'], 'public')
  assert.is(setHeaderIfAbsent('Cache-Control', 'no-cache, private')(text(200, 'x')).headers['cache-control'], 'no-cache, private')
})

const finalizers = suite('finalizers')

finalizers('run once each, in the order added, with the outcome', () => {
  const seen: string[] = []
  const r = pipe(
    empty(200),
    addFinalizer((o) => seen.push(`a:${o}`)),
    addFinalizer((o) => seen.push(`b:${o}`)),
  )
  runFinalizers(r, 'aborted')
  assert.equal(seen, ['a:aborted', 'b:aborted'])
})

finalizers('a throwing finalizer does not stop the others and its error is returned', () => {
  const seen: Ended[] = []
  const boom = new Error('boom')
  const r = pipe(
    empty(200),
    addFinalizer(() => {
      throw boom
    }),
    addFinalizer((o) => seen.push(o)),
  )
  assert.is(runFinalizers(r, 'finished'), boom)
  assert.equal(seen, ['finished'])
})

constructors.run()
headers.run()
finalizers.run()
