import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock, newCancelSource, neverCancelled } from '../../../src/core/index.js'
import { cpuRecording, heapSamplingRecording, recordProfile, waitFor } from '../../../src/lifecycle/profiling/record-profile.js'
import { fakeInspector, fakeProfile, untilWaiting } from './fake-inspector.js'

const record = suite('recordProfile')

record('enables, starts, waits its time, stops, disconnects, and gives the profile', async () => {
  const clock = fakeClock()
  const inspector = fakeInspector()
  const done = recordProfile(inspector.open, clock, cpuRecording, 1000, neverCancelled)
  await untilWaiting(clock)
  assert.equal(inspector.calls, ['Profiler.enable', 'Profiler.start'])
  clock.advance(999)
  assert.is(clock.pending(), 1)
  clock.advance(1)
  assert.equal(await done, { _tag: 'Profile', profile: fakeProfile })
  assert.equal(inspector.calls, ['Profiler.enable', 'Profiler.start', 'Profiler.stop', 'disconnect'])
})

record('a cancelled request stops the profiler at once and drops its timer', async () => {
  const clock = fakeClock()
  const inspector = fakeInspector()
  const cancel = newCancelSource()
  const done = recordProfile(inspector.open, clock, heapSamplingRecording, 30_000, cancel.token)
  await untilWaiting(clock)
  cancel.cancel('client gone')
  assert.equal(await done, { _tag: 'Cancelled' })
  assert.equal(inspector.calls, ['HeapProfiler.enable', 'HeapProfiler.startSampling', 'HeapProfiler.stopSampling', 'disconnect'])
  assert.is(clock.pending(), 0)
})

record('a start the inspector refuses is reported, and the session is still disconnected', async () => {
  const inspector = fakeInspector('Profiler.start')
  const r = await recordProfile(inspector.open, fakeClock(), cpuRecording, 1000, neverCancelled)
  assert.equal(r, { _tag: 'NotStarted', reason: 'Profiler.start refused' })
  assert.equal(inspector.calls, ['Profiler.enable', 'Profiler.start', 'disconnect'])
})

record('an inspector that cannot open is reported', async () => {
  const r = await recordProfile(() => E.left('inspector unavailable'), fakeClock(), cpuRecording, 1000, neverCancelled)
  assert.equal(r, { _tag: 'NotStarted', reason: 'inspector unavailable' })
})

record('a refused stop is reported after the session was disconnected', async () => {
  const clock = fakeClock()
  const inspector = fakeInspector('Profiler.stop')
  const done = recordProfile(inspector.open, clock, cpuRecording, 10, neverCancelled)
  await untilWaiting(clock)
  clock.advance(10)
  assert.equal(await done, { _tag: 'StopFailed', reason: 'Profiler.stop refused' })
  assert.is(inspector.calls.at(-1), 'disconnect')
})

record.run()

const wait = suite('waitFor')

wait('an already cancelled token ends the wait before any timer is set', async () => {
  const clock = fakeClock()
  const cancel = newCancelSource()
  cancel.cancel('gone')
  assert.is(await waitFor(clock, 1000, cancel.token), 'cancelled')
  assert.is(clock.pending(), 0)
})

wait('the timer wins when it fires first; a later cancel changes nothing', async () => {
  const clock = fakeClock()
  const cancel = newCancelSource()
  const waited = waitFor(clock, 5, cancel.token)
  clock.advance(5)
  cancel.cancel('late')
  assert.is(await waited, 'elapsed')
})

wait.run()
