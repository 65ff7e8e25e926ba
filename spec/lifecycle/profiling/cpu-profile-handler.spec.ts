import { gunzipSync } from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type HttpResponse, type Response, fakeClock, newCancelSource, silentLogger } from '../../../src/core/index.js'
import { cpuProfileBusy, cpuProfileHandler } from '../../../src/lifecycle/profiling/cpu-profile-handler.js'
import { openInspector } from '../../../src/lifecycle/profiling/inspector-session.js'
import { pprofProfile } from '../../../src/lifecycle/profiling/pprof-format.js'
import { type ProfilingDeps, profilingDefaults, v8HeapSnapshot } from '../../../src/lifecycle/profiling/profiling-options.js'
import { bodyText, makeRequest } from '../../support/request.js'
import { fakeInspector, untilWaiting } from './fake-inspector.js'

const http = (res: Response): HttpResponse => {
  if (res._tag !== 'Http') throw new Error(`expected Http, got ${res._tag}`)
  return res
}

const deps = (clock = fakeClock(), open = openInspector): ProfilingDeps => ({
  clock,
  openInspector: open,
  heapSnapshot: v8HeapSnapshot,
  log: silentLogger,
})

/** This spec's script, which the profile shows while `spinForProfile` keeps the CPU busy. */
const thisFile = 'spec/lifecycle/profiling/cpu-profile-handler.spec.ts'

/** Keeps the CPU busy in this spec's script, so the profile has something of it to show. */
function spinForProfile(until: number): number {
  let x = 0
  while (Date.now() < until) x += Math.sqrt(x + 1)
  return x
}

interface CpuProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
}
interface CpuProfile {
  readonly nodes: ReadonlyArray<CpuProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
  readonly startTime: number
  readonly endTime: number
}

const cpu = suite('cpuProfileHandler')

cpu("seconds=1 records V8's profile and answers a .cpuprofile Chrome DevTools opens", async () => {
  const clock = fakeClock()
  const answer = cpuProfileHandler(deps(clock), profilingDefaults)(makeRequest('/debug/pprof/profile?seconds=1'))
  await untilWaiting(clock)
  spinForProfile(Date.now() + 50)
  clock.advance(1000)
  const res = http(await answer)
  assert.is(res.status, 200)
  assert.is(res.headers['content-type'], 'application/json')
  assert.is(res.headers['content-disposition'], 'attachment; filename="profile.cpuprofile"')
  const profile = JSON.parse(await bodyText(res)) as CpuProfile
  assert.is(profile.nodes[0]?.callFrame.functionName, '(root)')
  assert.ok(profile.endTime >= profile.startTime)
  assert.is(profile.samples.length, profile.timeDeltas.length)
  const ids = new Set(profile.nodes.map((n) => n.id))
  assert.ok(profile.samples.every((id) => ids.has(id)))
  assert.ok(profile.nodes.some((n) => n.callFrame.url.endsWith(thisFile)))
})

cpu("format=pprof answers the same recording as pprof's gzipped protobuf", async () => {
  const clock = fakeClock(1_700_000_000_000)
  const answer = cpuProfileHandler(deps(clock), profilingDefaults)(makeRequest('/debug/pprof/profile?seconds=1&format=pprof'))
  await untilWaiting(clock)
  spinForProfile(Date.now() + 50)
  clock.advance(1000)
  const res = http(await answer)
  assert.is(res.status, 200)
  assert.is(res.headers['content-type'], 'application/octet-stream')
  assert.is(res.headers['content-disposition'], 'attachment; filename="profile.pb.gz"')
  if (res.body._tag !== 'Bytes') return assert.unreachable('expected bytes')
  const decoded = pprofProfile.toObject(pprofProfile.decode(gunzipSync(res.body.value)), { longs: Number, arrays: true }) as {
    stringTable: string[]
    sample: { value: number[] }[]
    timeNanos: number
  }
  assert.ok(decoded.stringTable.some((x) => x.endsWith(thisFile)))
  assert.ok(decoded.sample.length > 0)
  assert.ok(decoded.timeNanos < 1_700_000_001_000 * 1e6 && decoded.timeNanos > 1_699_999_000_000 * 1e6)
})

cpu('without seconds it records for 30 seconds, as Go', async () => {
  const clock = fakeClock()
  const inspector = fakeInspector()
  const answer = cpuProfileHandler(deps(clock, inspector.open), profilingDefaults)(makeRequest('/debug/pprof/profile?seconds=abc'))
  await untilWaiting(clock)
  clock.advance(29_999)
  assert.not.ok(inspector.calls.includes('Profiler.stop'))
  clock.advance(1)
  assert.is(http(await answer).status, 200)
  assert.ok(inspector.calls.includes('Profiler.stop'))
})

cpu("more seconds than the maximum is Go's plain-text 400, and nothing is recorded", async () => {
  const inspector = fakeInspector()
  const res = http(
    await cpuProfileHandler(deps(fakeClock(), inspector.open), { ...profilingDefaults, maxSeconds: 60 })(makeRequest('/x?seconds=61')),
  )
  assert.is(res.status, 400)
  assert.is(await bodyText(res), "profile duration exceeds server's maximum of 60 seconds\n")
  assert.is(res.headers['x-go-pprof'], '1')
  assert.is(res.headers['content-type'], 'text/plain; charset=utf-8')
  assert.equal(inspector.calls, [])
})

cpu("a second profile while one runs is refused with Go's 500; the next one after it may run", async () => {
  const clock = fakeClock()
  const inspector = fakeInspector()
  const handler = cpuProfileHandler(deps(clock, inspector.open), profilingDefaults)
  const first = handler(makeRequest('/debug/pprof/profile?seconds=1'))
  await untilWaiting(clock)
  const second = http(await handler(makeRequest('/debug/pprof/profile?seconds=1')))
  assert.is(second.status, 500)
  assert.is(await bodyText(second), `${cpuProfileBusy}\n`)
  assert.is(cpuProfileBusy, 'Could not enable CPU profiling: cpu profiling already in use')
  clock.advance(1000)
  assert.is(http(await first).status, 200)
  const third = handler(makeRequest('/debug/pprof/profile?seconds=1'))
  await untilWaiting(clock)
  clock.advance(1000)
  assert.is(http(await third).status, 200)
})

cpu('a client that goes away stops the profiler at once and frees the seat', async () => {
  const clock = fakeClock()
  const inspector = fakeInspector()
  const handler = cpuProfileHandler(deps(clock, inspector.open), profilingDefaults)
  const cancel = newCancelSource()
  const answer = handler(makeRequest('/debug/pprof/profile?seconds=300', { cancel }))
  await untilWaiting(clock)
  cancel.cancel('client gone')
  assert.is(http(await answer).status, 500)
  assert.equal(inspector.calls, ['Profiler.enable', 'Profiler.start', 'Profiler.stop', 'disconnect'])
  assert.is(clock.pending(), 0)
  const next = handler(makeRequest('/debug/pprof/profile?seconds=1'))
  await untilWaiting(clock)
  clock.advance(1000)
  assert.is(http(await next).status, 200)
})

cpu('an inspector that refuses to start is a 500 naming why', async () => {
  const inspector = fakeInspector('Profiler.start')
  const res = http(await cpuProfileHandler(deps(fakeClock(), inspector.open), profilingDefaults)(makeRequest('/x?seconds=1')))
  assert.is(res.status, 500)
  assert.is(await bodyText(res), 'Could not enable CPU profiling: Profiler.start refused\n')
})

cpu.run()
