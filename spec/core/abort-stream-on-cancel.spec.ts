import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Chunk, isAbortHandler, newCancelSource } from '../../src/core/index.js'
import { abortStreamOnCancel } from '../../src/core/abort-stream-on-cancel.js'

const abort = suite('abortStreamOnCancel')

const collect = async (chunks: AsyncIterable<Chunk>): Promise<Chunk[]> => {
  const out: Chunk[] = []
  for await (const c of chunks) out.push(c)
  return out
}

abort('passes every chunk through while the token is live', async () => {
  async function* source(): AsyncGenerator<Chunk> {
    yield 'a'
    yield new Uint8Array([98])
  }
  assert.equal(await collect(abortStreamOnCancel(source(), newCancelSource().token)), ['a', new Uint8Array([98])])
})

abort('a read after cancellation fails with abortHandler and closes the source', async () => {
  const cancel = newCancelSource()
  let closed = false
  async function* source(): AsyncGenerator<Chunk> {
    try {
      yield 'a'
      yield 'b'
    } finally {
      closed = true
    }
  }
  const it = abortStreamOnCancel(source(), cancel.token)[Symbol.asyncIterator]()
  assert.equal(await it.next(), { done: false, value: 'a' })
  cancel.cancel('deadline')
  const outcome = await it.next().then(
    () => 'resolved',
    (e: unknown) => e,
  )
  assert.ok(isAbortHandler(outcome))
  await new Promise((resolve) => setImmediate(resolve))
  assert.is(closed, true)
})

abort('a read pending at cancellation fails at once', async () => {
  const cancel = newCancelSource()
  const never: AsyncIterable<Chunk> = {
    [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<Chunk>>(() => undefined) }),
  }
  const read = abortStreamOnCancel(never, cancel.token)[Symbol.asyncIterator]().next()
  cancel.cancel('client gone')
  const outcome = await read.then(
    () => 'resolved',
    (e: unknown) => e,
  )
  assert.ok(isAbortHandler(outcome))
})

abort('a source error passes through unchanged', async () => {
  const boom = new Error('boom')
  async function* source(): AsyncGenerator<Chunk> {
    yield 'a'
    throw boom
  }
  const outcome = await collect(abortStreamOnCancel(source(), newCancelSource().token)).then(
    () => 'resolved',
    (e: unknown) => e,
  )
  assert.is(outcome, boom)
})

abort('breaking out of the loop closes the source', async () => {
  let closed = false
  async function* source(): AsyncGenerator<Chunk> {
    try {
      yield 'a'
      yield 'b'
    } finally {
      closed = true
    }
  }
  for await (const c of abortStreamOnCancel(source(), newCancelSource().token)) if (c === 'a') break
  assert.is(closed, true)
})

abort.run()
