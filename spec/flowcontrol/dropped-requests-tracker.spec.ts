import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/fake-clock.js'
import { newDroppedRequestsTracker } from '../../src/flowcontrol/dropped-requests-tracker.js'

const tracker = suite('newDroppedRequestsTracker')

const start = 1_700_000_000_000 // a real-looking epoch time, as upstream's test starts at time.Now()

tracker("moves Retry-After through upstream's own table of drops", () => {
  const clock = fakeClock(start)
  const drops = newDroppedRequestsTracker(clock)
  // [seconds since start, requests dropped then, Retry-After expected after them]
  const steps: ReadonlyArray<readonly [number, number, number]> = [
    [0, 5, 1],
    [1, 11, 2],
    [2, 1, 2], // no second increase right after the first
    [3, 11, 4],
    [4, 1, 4],
    [7, 1, 8],
    [11, 1, 8],
    [15, 1, 7],
    [17, 1, 6],
    [21, 14, 5],
    [22, 1, 10],
  ]
  let elapsed = 0
  for (const [at, dropped, expected] of steps) {
    clock.advance((at - elapsed) * 1000)
    elapsed = at
    for (let i = 0; i < dropped; i++) drops.recordDroppedRequest('pl')
    assert.is(drops.retryAfter('pl'), expected, `after second ${at}`)
  }
})

tracker('levels back off independently, and a level with no drops suggests 1 s', () => {
  const clock = fakeClock(start)
  const drops = newDroppedRequestsTracker(clock)
  const levels = Array.from({ length: 10 }, (_, i) => `pl-${i}`)
  for (const l of levels) drops.recordDroppedRequest(l)
  clock.advance(1000)
  for (const l of levels) drops.recordDroppedRequest(l)
  assert.ok(levels.every((l) => drops.retryAfter(l) === 1))
  for (let i = 0; i < 5; i++) drops.recordDroppedRequest('pl-0')
  clock.advance(1000)
  for (const l of levels) drops.recordDroppedRequest(l)
  assert.equal(
    levels.map((l) => drops.retryAfter(l)),
    [2, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  )
  assert.is(drops.retryAfter('other-pl'), 1)
})

tracker('exactly retryAfter drops in the window keep it where it is', () => {
  const clock = fakeClock(start)
  const drops = newDroppedRequestsTracker(clock)
  const seen: number[] = []
  for (const dropped of [5, 1, 1, 1]) {
    for (let i = 0; i < dropped; i++) drops.recordDroppedRequest('pl')
    seen.push(drops.retryAfter('pl'))
    clock.advance(1000)
  }
  assert.equal(seen, [1, 2, 2, 2]) // at the last, seconds 1 and 2 held 2 drops: not fewer than 2
})

tracker('never suggests more than 32 s', () => {
  const clock = fakeClock(start)
  const drops = newDroppedRequestsTracker(clock)
  for (let second = 0; second < 200; second++) {
    for (let i = 0; i < 500; i++) drops.recordDroppedRequest('pl')
    clock.advance(1000)
  }
  drops.recordDroppedRequest('pl')
  assert.is(drops.retryAfter('pl'), 32)
})

tracker.run()
