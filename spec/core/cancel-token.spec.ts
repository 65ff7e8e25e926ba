import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { neverCancelled, newCancelSource } from '../../src/core/index.js'

const token = suite('newCancelSource')

token('starts live and cancels once with the first reason', () => {
  const src = newCancelSource()
  const seen: unknown[] = []
  src.token.onCancel((r) => seen.push(r))
  assert.is(src.token.cancelled, false)
  src.cancel('first')
  src.cancel('second')
  assert.is(src.token.cancelled, true)
  assert.is(src.token.reason, 'first')
  assert.equal(seen, ['first'])
})

token('onCancel after cancellation runs at once', () => {
  const src = newCancelSource()
  src.cancel('gone')
  let got: unknown
  src.token.onCancel((r) => (got = r))
  assert.is(got, 'gone')
})

token('unsubscribed callbacks do not run', () => {
  const src = newCancelSource()
  let calls = 0
  const off = src.token.onCancel(() => calls++)
  off()
  src.cancel('x')
  assert.is(calls, 0)
})

token('the signal is made lazily and aborts with the token', () => {
  const src = newCancelSource()
  const signal = src.token.signal
  assert.is(signal.aborted, false)
  assert.is(src.token.signal, signal)
  src.cancel('why')
  assert.is(signal.aborted, true)
  assert.is(signal.reason, 'why')
})

token('a signal read after cancellation is already aborted', () => {
  const src = newCancelSource()
  src.cancel('late')
  assert.is(src.token.signal.aborted, true)
  assert.is(src.token.signal.reason, 'late')
})

token('a child is cancelled with its parent, not the other way round', () => {
  const parent = newCancelSource()
  const child = newCancelSource(parent.token)
  const sibling = newCancelSource(parent.token)
  let childSaw: unknown
  child.token.onCancel((r) => (childSaw = r))
  sibling.cancel('only me')
  assert.is(parent.token.cancelled, false)
  parent.cancel('parent')
  assert.is(childSaw, 'parent')
  assert.is(child.token.cancelled, true)
})

token('a child with no subscribers still reports its cancelled parent', () => {
  const parent = newCancelSource()
  const child = newCancelSource(parent.token)
  parent.cancel('p')
  assert.is(child.token.cancelled, true)
  assert.is(child.token.reason, 'p')
})

token('arm runs on the first subscription only and can cancel', () => {
  let armed = 0
  let fire: ((r: unknown) => void) | undefined
  const src = newCancelSource(undefined, (cancel) => {
    armed++
    fire = cancel
  })
  assert.is(armed, 0)
  const seen: unknown[] = []
  src.token.onCancel((r) => seen.push(r))
  src.token.onCancel((r) => seen.push(r))
  assert.is(armed, 1)
  fire?.('socket closed')
  assert.equal(seen, ['socket closed', 'socket closed'])
})

token('an arm that cancels at once still reaches the subscriber that armed it, and the signal aborts', () => {
  const src = newCancelSource(undefined, (cancel) => cancel(new Error('client disconnected')))
  const seen: unknown[] = []
  src.token.onCancel((r) => seen.push((r as Error).message))
  assert.equal(seen, ['client disconnected'])
  assert.is(src.token.signal.aborted, true)
})

token('neverCancelled never cancels and keeps no callbacks', () => {
  let called = false
  neverCancelled.onCancel(() => (called = true))()
  assert.is(neverCancelled.cancelled, false)
  assert.is(neverCancelled.signal.aborted, false)
  assert.is(called, false)
})

token.run()
