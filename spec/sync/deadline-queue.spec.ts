import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/index.js'
import { newDeadlineQueue } from '../../src/sync/deadline-queue.js'

const queue = suite('newDeadlineQueue')

const setup = (start = 0) => {
  const clock = fakeClock(start)
  const errors: unknown[] = []
  const fired: string[] = []
  const q = newDeadlineQueue(clock, (e) => errors.push(e))
  const at = (name: string) => () => void fired.push(`${name}@${clock.now()}`)
  return { clock, q, fired, errors, at }
}

queue('calls back once, after the duration', () => {
  const { clock, q, fired, at } = setup(1000)
  q.schedule(100, at('a'))
  clock.advance(99)
  assert.equal(fired, [])
  clock.advance(1)
  assert.equal(fired, ['a@1100'])
  clock.advance(1000)
  assert.equal(fired, ['a@1100'])
  assert.is(clock.pending(), 0)
})

queue('many entries of one duration share one timer and fire in order', () => {
  const { clock, q, fired, at } = setup()
  for (let i = 0; i < 1000; i++) {
    q.schedule(60_000, at(`r${i}`))
    clock.advance(1)
  }
  assert.is(clock.pending(), 1)
  clock.advance(60_000)
  assert.is(fired.length, 1000)
  assert.equal(fired.slice(0, 3), ['r0@60000', 'r1@60001', 'r2@60002'])
  assert.is(fired[999], 'r999@60999')
  assert.is(clock.pending(), 0)
})

queue('a cancelled head is skipped; the others fire at their own times', () => {
  const { clock, q, fired, at } = setup()
  const cancelA = q.schedule(100, at('a'))
  clock.advance(10)
  q.schedule(100, at('b'))
  clock.advance(10)
  q.schedule(100, at('c'))
  cancelA()
  assert.is(clock.pending(), 1)
  clock.advance(200)
  assert.equal(fired, ['b@110', 'c@120'])
  assert.is(clock.pending(), 0)
})

queue('a cancelled middle entry is skipped', () => {
  const { clock, q, fired, at } = setup()
  q.schedule(100, at('a'))
  clock.advance(10)
  const cancelB = q.schedule(100, at('b'))
  clock.advance(10)
  q.schedule(100, at('c'))
  cancelB()
  clock.advance(200)
  assert.equal(fired, ['a@100', 'c@120'])
})

queue('cancelling every entry keeps the one timer, which fires nothing and retires the lane', () => {
  const { clock, q, fired, at } = setup()
  const cancels = [q.schedule(100, at('a')), q.schedule(100, at('b')), q.schedule(100, at('c'))]
  assert.is(clock.pending(), 1)
  cancels[1]!()
  cancels[0]!()
  cancels[2]!()
  assert.is(clock.pending(), 1, 'an emptied lane keeps its timer, so steady traffic never re-arms one')
  clock.advance(1000)
  assert.equal(fired, [])
  assert.is(clock.pending(), 0)
})

queue('a lane emptied and refilled reuses its armed timer', () => {
  const { clock, q, fired, at } = setup()
  for (let i = 0; i < 100; i++) q.schedule(100, at(`r${i}`))()
  const keep = q.schedule(100, at('kept'))
  assert.is(clock.pending(), 1)
  clock.advance(100)
  assert.equal(fired, ['kept@100'])
  assert.is(clock.pending(), 0)
  keep()
})

queue('cancel after firing and a second cancel do nothing', () => {
  const { clock, q, fired, at } = setup()
  const cancelA = q.schedule(10, at('a'))
  clock.advance(10)
  cancelA()
  cancelA()
  const cancelB = q.schedule(10, at('b'))
  cancelB()
  cancelB()
  q.schedule(10, at('c'))
  clock.advance(10)
  assert.equal(fired, ['a@10', 'c@20'])
})

queue('different durations get their own timers and fire by due time', () => {
  const { clock, q, fired, at } = setup()
  q.schedule(300, at('slow'))
  q.schedule(100, at('fast'))
  q.schedule(200, at('mid'))
  assert.is(clock.pending(), 3)
  clock.advance(150)
  q.schedule(100, at('fast2'))
  clock.advance(1000)
  assert.equal(fired, ['fast@100', 'mid@200', 'fast2@250', 'slow@300'])
  assert.is(clock.pending(), 0)
})

queue('counts from startedAt when given', () => {
  const { clock, q, fired, at } = setup(500)
  q.schedule(100, at('a'), 450)
  clock.advance(49)
  assert.equal(fired, [])
  clock.advance(1)
  assert.equal(fired, ['a@550'])
})

queue('a throwing callback is reported and the others still fire', () => {
  const { clock, q, fired, errors, at } = setup()
  const boom = new Error('boom')
  q.schedule(10, () => {
    throw boom
  })
  q.schedule(10, at('b'))
  clock.advance(10)
  assert.equal(errors, [boom])
  assert.equal(fired, ['b@10'])
})

queue('a callback may schedule again on its own lane', () => {
  const { clock, q, fired, at } = setup()
  q.schedule(10, () => {
    fired.push(`a@${clock.now()}`)
    q.schedule(10, at('again'))
  })
  clock.advance(10)
  assert.is(clock.pending(), 1)
  clock.advance(10)
  assert.equal(fired, ['a@10', 'again@20'])
  assert.is(clock.pending(), 0)
})

queue('a callback may cancel a later entry of its lane', () => {
  const { clock, q, fired } = setup()
  let cancelB = (): void => undefined
  q.schedule(10, () => {
    fired.push('a')
    cancelB()
  })
  cancelB = q.schedule(10, () => void fired.push('b'))
  clock.advance(100)
  assert.equal(fired, ['a'])
  assert.is(clock.pending(), 0)
})

queue('arms at most 2^31-1 ms ahead and re-arms until a longer deadline is due', () => {
  const { clock, q, fired, at } = setup()
  const delays: number[] = []
  const spy = { ...clock, setTimer: (cb: () => void, ms: number) => (delays.push(ms), clock.setTimer(cb, ms)) }
  const long = newDeadlineQueue(spy, () => undefined)
  long.schedule(2 ** 32, at('long'))
  assert.equal(delays, [2 ** 31 - 1])
  clock.advance(2 ** 31 - 1)
  assert.equal(fired, [])
  assert.equal(delays, [2 ** 31 - 1, 2 ** 31 - 1])
  clock.advance(2 ** 31 - 1)
  assert.equal(fired, [])
  clock.advance(2)
  assert.equal(fired, [`long@${2 ** 32}`])
  q.schedule(Number.NaN, at('nan'))
  clock.advance(0)
  assert.equal(fired, [`long@${2 ** 32}`, `nan@${2 ** 32}`])
  assert.is(clock.pending(), 0)
})

type Op =
  | { readonly _tag: 'schedule'; readonly duration: number }
  | { readonly _tag: 'cancel'; readonly pick: number }
  | { readonly _tag: 'advance'; readonly ms: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ _tag: fc.constant('schedule' as const), duration: fc.constantFrom(5, 10, 30) }),
  fc.record({ _tag: fc.constant('cancel' as const), pick: fc.nat(40) }),
  fc.record({ _tag: fc.constant('advance' as const), ms: fc.nat(12) }),
)

queue('every live entry fires exactly at its due time, cancelled ones never, and no timer is left', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const clock = fakeClock()
      const q = newDeadlineQueue(clock, (e) => assert.unreachable(String(e)))
      const entries: Array<{ due: number; duration: number; firedAt: number[]; cancel: () => void; cancelledAt?: number }> = []
      for (const o of ops) {
        if (o._tag === 'advance') clock.advance(o.ms)
        else if (o._tag === 'schedule') {
          const entry = { due: clock.now() + o.duration, duration: o.duration, firedAt: [] as number[], cancel: (): void => undefined }
          entry.cancel = q.schedule(o.duration, () => void entry.firedAt.push(clock.now()))
          entries.push(entry)
        } else if (entries.length > 0) {
          const e = entries[o.pick % entries.length]!
          e.cancel()
          e.cancelledAt ??= clock.now()
        }
      }
      const end = clock.now()
      for (const e of entries) {
        const shouldFire = e.due <= end && (e.cancelledAt === undefined || e.cancelledAt >= e.due)
        assert.equal(e.firedAt, shouldFire ? [e.due] : [])
      }
      for (const e of entries) e.cancel()
      assert.ok(clock.pending() <= new Set(entries.map((e) => e.duration)).size)
      const before = entries.map((e) => e.firedAt.length)
      clock.advance(2 ** 32)
      assert.is(clock.pending(), 0)
      assert.equal(
        entries.map((e) => e.firedAt.length),
        before,
      )
    }),
    { numRuns: 300 },
  )
})

queue.run()
