import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Chunk, type HttpResponse, type Response, fakeClock, newCancelSource, silentLogger } from '../../../src/core/index.js'
import { heapHandler, heapSamplingBusy, heapSnapshotBusy } from '../../../src/lifecycle/profiling/heap-handler.js'
import { openInspector } from '../../../src/lifecycle/profiling/inspector-session.js'
import {
  type HeapSnapshot,
  type ProfilingDeps,
  profilingDefaults,
  v8HeapSnapshot,
} from '../../../src/lifecycle/profiling/profiling-options.js'
import { bodyText, makeRequest } from '../../support/request.js'
import { fakeInspector, untilWaiting } from './fake-inspector.js'

const http = (res: Response): HttpResponse => {
  if (res._tag !== 'Http') throw new Error(`expected Http, got ${res._tag}`)
  return res
}

const deps = (over: Partial<ProfilingDeps> = {}): ProfilingDeps => ({
  clock: fakeClock(),
  openInspector,
  heapSnapshot: v8HeapSnapshot,
  log: silentLogger,
  ...over,
})

const firstChunk = async (res: HttpResponse): Promise<string> => {
  if (res.body._tag !== 'Stream') throw new Error(`expected a stream, got ${res.body._tag}`)
  const it = res.body.chunks[Symbol.asyncIterator]()
  const first = await it.next()
  await it.return?.()
  return Buffer.from(first.value as Chunk).toString('utf8')
}

/** Runs a response's finalizers, as the adapter does once it ended on the wire. */
const ended = (res: HttpResponse): void => {
  for (const f of res.finalizers) f('finished')
}

const heap = suite('heapHandler')

heap("without seconds streams V8's heap snapshot as a .heapsnapshot", async () => {
  const res = http(await heapHandler(deps(), profilingDefaults)(makeRequest('/debug/pprof/heap')))
  assert.is(res.status, 200)
  assert.is(res.headers['content-disposition'], 'attachment; filename="heap.heapsnapshot"')
  assert.is(res.headers['content-type'], 'application/json')
  assert.ok((await firstChunk(res)).startsWith('{"snapshot":{"meta":{"node_fields":['))
})

heap('the snapshot is taken when the body is first read, not when the handler answers', async () => {
  let taken = 0
  const counted: HeapSnapshot = async function* () {
    taken += 1
    yield '{}'
  }
  const res = http(await heapHandler(deps({ heapSnapshot: counted }), profilingDefaults)(makeRequest('/debug/pprof/heap?seconds=')))
  assert.is(taken, 0)
  assert.is(await bodyText(res), '{}')
  assert.is(taken, 1)
})

heap('one snapshot at a time: a second is refused until the first ended on the wire', async () => {
  const handler = heapHandler(deps(), profilingDefaults)
  const first = http(await handler(makeRequest('/debug/pprof/heap')))
  const second = http(await handler(makeRequest('/debug/pprof/heap')))
  assert.is(second.status, 500)
  assert.is(await bodyText(second), `${heapSnapshotBusy}\n`)
  ended(first)
  assert.is(http(await handler(makeRequest('/debug/pprof/heap'))).status, 200)
})

heap("a bad seconds is Go's 400 for delta profiles", async () => {
  const handler = heapHandler(deps(), profilingDefaults)
  for (const q of ['seconds=0', 'seconds=-3', 'seconds=x', 'seconds=1.5']) {
    const res = http(await handler(makeRequest(`/debug/pprof/heap?${q}`)))
    assert.is(res.status, 400, q)
    assert.is(await bodyText(res), 'invalid value for "seconds" - must be a positive integer\n', q)
  }
  const long = http(await handler(makeRequest('/debug/pprof/heap?seconds=301')))
  assert.is(await bodyText(long), "profile duration exceeds server's maximum of 300 seconds\n")
})

heap("seconds=1 records V8's sampling heap profile as a .heapprofile", async () => {
  const clock = fakeClock()
  const answer = heapHandler(deps({ clock }), profilingDefaults)(makeRequest('/debug/pprof/heap?seconds=1'))
  await untilWaiting(clock)
  clock.advance(1000)
  const res = http(await answer)
  assert.is(res.status, 200)
  assert.is(res.headers['content-disposition'], 'attachment; filename="heap.heapprofile"')
  const profile = JSON.parse(await bodyText(res)) as { head: { callFrame: { functionName: string } }; samples: unknown[] }
  assert.is(profile.head.callFrame.functionName, '(root)')
  assert.ok(Array.isArray(profile.samples))
})

heap('one sampled profile at a time; a client that goes away stops it and frees the seat', async () => {
  const clock = fakeClock()
  const inspector = fakeInspector()
  const handler = heapHandler(deps({ clock, openInspector: inspector.open }), profilingDefaults)
  const cancel = newCancelSource()
  const first = handler(makeRequest('/debug/pprof/heap?seconds=60', { cancel }))
  await untilWaiting(clock)
  const busy = http(await handler(makeRequest('/debug/pprof/heap?seconds=1')))
  assert.is(await bodyText(busy), `${heapSamplingBusy}\n`)
  cancel.cancel('gone')
  assert.is(http(await first).status, 500)
  assert.equal(inspector.calls, ['HeapProfiler.enable', 'HeapProfiler.startSampling', 'HeapProfiler.stopSampling', 'disconnect'])
  const next = handler(makeRequest('/debug/pprof/heap?seconds=1'))
  await untilWaiting(clock)
  clock.advance(1000)
  assert.is(http(await next).status, 200)
})

heap.run()
