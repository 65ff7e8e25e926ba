import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/index.js'
import { maxTimerMs, scheduleWatchTimers, watchTimeoutMs } from '../../src/endpoints/watch-timers.js'

const timeout = suite('watchTimeoutMs')
timeout('timeoutSeconds wins; 0 or unset falls to the server default; a negative one ends at once', () => {
  assert.is(
    watchTimeoutMs(30, 1800, () => 0.5),
    30_000,
  )
  assert.is(
    watchTimeoutMs(0, 1800, () => 0.5),
    2_700_000,
  )
  assert.is(
    watchTimeoutMs(undefined, 1800, () => 0),
    1_800_000,
  )
  assert.is(
    watchTimeoutMs(undefined, undefined, () => 0.5),
    undefined,
  )
  assert.is(
    watchTimeoutMs(-5, undefined, () => 0),
    0,
  )
})
timeout.run()

const timers = suite('scheduleWatchTimers')
timers('bookmarks every period until the timeout, then stops both', () => {
  const clock = fakeClock(0)
  const trace: string[] = []
  scheduleWatchTimers(
    clock,
    { timeoutMs: 2500, bookmarkPeriodMs: 1000 },
    { onTimeout: () => trace.push(`timeout@${clock.now()}`), onBookmark: () => trace.push(`bookmark@${clock.now()}`) },
  )
  clock.advance(10_000)
  assert.equal(trace, ['bookmark@1000', 'bookmark@2000', 'timeout@2500'])
  assert.is(clock.pending(), 0)
})
timers('the cancel it answers stops every timer', () => {
  const clock = fakeClock(0)
  const trace: string[] = []
  const stop = scheduleWatchTimers(
    clock,
    { timeoutMs: 5000, bookmarkPeriodMs: 1000 },
    { onTimeout: () => trace.push('timeout'), onBookmark: () => trace.push('bookmark') },
  )
  clock.advance(1500)
  stop()
  clock.advance(10_000)
  assert.equal([trace, clock.pending()], [['bookmark'], 0])
})
timers('without a period or timeout nothing is armed', () => {
  const clock = fakeClock(0)
  scheduleWatchTimers(
    clock,
    { timeoutMs: undefined, bookmarkPeriodMs: undefined },
    { onTimeout: () => undefined, onBookmark: () => undefined },
  )
  assert.is(clock.pending(), 0)
})
timers("a timeout past a Node timer's 24.8 days waits its whole length, in timers Node keeps", () => {
  const clock = fakeClock(0)
  const delays: number[] = []
  const nodeLike = { ...clock, setTimer: (cb: () => void, ms: number) => (delays.push(ms), clock.setTimer(cb, ms)) }
  const trace: string[] = []
  const days = 60
  scheduleWatchTimers(
    nodeLike,
    { timeoutMs: days * 86_400_000, bookmarkPeriodMs: undefined },
    { onTimeout: () => trace.push(`timeout@${clock.now()}`), onBookmark: () => undefined },
  )
  clock.advance(days * 86_400_000 - 1)
  assert.equal(trace, [])
  clock.advance(1)
  assert.equal(trace, [`timeout@${days * 86_400_000}`])
  assert.ok(
    delays.every((ms) => ms <= maxTimerMs),
    `delays ${delays.join(', ')}`,
  )
})

timers.run()
