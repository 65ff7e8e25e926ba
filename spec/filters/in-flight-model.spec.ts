// Model-based property: max-in-flight inside wait-group, driven by generated interleavings of request
// starts, inner results (complete responses, released when answered; streams, released when they ended),
// defects, client aborts, timeouts (discarded responses) and the shutdown wait.
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, type Ended, type Response, build, recordingLogger, runFinalizers, stream, text } from '../../src/core/index.js'
import { defaultDeps } from '../../src/core/deps.js'
import { newSafeWaitGroup } from '../../src/sync/safe-wait-group.js'
import { maxInFlightSeats, maxInFlightStep } from '../../src/filters/with-max-in-flight.js'
import { waitGroupStep } from '../../src/filters/with-wait-group.js'
import { basicLongRunningRequestCheck } from '../../src/request/long-running.js'
import { chunksOf, statusOf } from '../support/request.js'
import { requestFor, userIn } from './shutdown-fixtures.js'

type Op =
  | { readonly _tag: 'start'; readonly mutating: boolean; readonly longRunning: boolean; readonly masters: boolean }
  | { readonly _tag: 'respond'; readonly ref: number; readonly status: 200 | 500; readonly streamed: boolean }
  | { readonly _tag: 'throw'; readonly ref: number }
  | { readonly _tag: 'end'; readonly ref: number; readonly outcome: Ended }
  | { readonly _tag: 'shutdown' }

type Seat = 'readOnly' | 'mutating' | undefined

interface Live {
  readonly seat: Seat
  readonly tracked: boolean
  phase: 'running' | 'responded'
  settle?: { resolve: (res: Response) => void; reject: (e: unknown) => void }
  res?: Response
  failed?: unknown
}

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ _tag: fc.constant('start' as const), mutating: fc.boolean(), longRunning: fc.boolean(), masters: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      _tag: fc.constant('respond' as const),
      ref: fc.nat(),
      status: fc.constantFrom(200 as const, 500 as const),
      streamed: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant('throw' as const), ref: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      _tag: fc.constant('end' as const),
      ref: fc.nat(),
      outcome: fc.constantFrom<Ended>('finished', 'aborted', 'discarded'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ _tag: 'shutdown' as const }) },
)

const ticks = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

const longRunning = basicLongRunningRequestCheck([], ['exec'])

/** The system under test plus the model it is checked against. */
const harness = (readLimit: number, mutatingLimit: number) => {
  const cfg = { maxRequestsInFlight: readLimit, maxMutatingRequestsInFlight: mutatingLimit }
  const deps = { ...defaultDeps, log: recordingLogger().log }
  const seats = maxInFlightSeats(cfg)
  const wg = newSafeWaitGroup()
  let calling: Live | undefined
  const inner: Handler = () =>
    new Promise<Response>((resolve, reject) => {
      if (calling === undefined) throw new Error('inner handler called for a request the model rejected')
      calling.settle = { resolve, reject }
    })
  const handler = build([waitGroupStep(longRunning, wg, deps), maxInFlightStep(cfg, longRunning, deps, seats)])(inner)
  const model = {
    readOnly: 0,
    mutating: 0,
    tracked: 0,
    predicted429: 0,
    predicted503: 0,
    seen429: 0,
    seen503: 0,
    waiting: false,
    drained: false,
  }
  const live: Live[] = []
  return { cfg, seats, wg, handler, model, live, setCalling: (l: Live | undefined) => (calling = l) }
}

type Harness = ReturnType<typeof harness>

const limitOf = (h: Harness, seat: 'readOnly' | 'mutating'): number =>
  seat === 'readOnly' ? h.cfg.maxRequestsInFlight : h.cfg.maxMutatingRequestsInFlight

/** What the model expects of a new request: rejected with a status, or served with a seat (or none). */
const predict = (h: Harness, o: Extract<Op, { _tag: 'start' }>): { reject?: 429 | 503; seat: Seat; tracked: boolean } => {
  if (o.longRunning) return { seat: undefined, tracked: false }
  if (h.model.waiting) return { reject: 503, seat: undefined, tracked: false }
  const cls = o.mutating ? 'mutating' : 'readOnly'
  const limit = limitOf(h, cls)
  if (limit === 0) return { seat: undefined, tracked: true }
  if (h.model[cls] < limit) return { seat: cls, tracked: true }
  return o.masters ? { seat: undefined, tracked: true } : { reject: 429, seat: undefined, tracked: true }
}

const start = async (h: Harness, o: Extract<Op, { _tag: 'start' }>): Promise<void> => {
  const p = predict(h, o)
  // a 429 is a complete response: its wait-group slot is given back as soon as it is answered
  const entry: Live = {
    seat: p.seat,
    tracked: p.tracked && p.reject === undefined,
    phase: p.reject === undefined ? 'running' : 'responded',
  }
  if (p.seat !== undefined) h.model[p.seat] += 1
  if (entry.tracked) h.model.tracked += 1
  if (p.reject === 429) h.model.predicted429 += 1
  if (p.reject === 503) h.model.predicted503 += 1
  const req = requestFor(o.mutating ? 'create' : 'get', {
    subresource: o.longRunning ? 'exec' : '',
    ...(o.masters ? { user: userIn('system:masters') } : { user: userIn('system:authenticated') }),
  })
  h.setCalling(p.reject === undefined ? entry : undefined)
  Promise.resolve(h.handler(req)).then(
    (res) => {
      entry.res = res
      entry.phase = 'responded'
      if (statusOf(res) === 429) h.model.seen429 += 1
      if (statusOf(res) === 503) h.model.seen503 += 1
    },
    (e: unknown) => (entry.failed = e),
  )
  h.setCalling(undefined)
  assert.is(entry.settle !== undefined, p.reject === undefined, 'inner called exactly when the model serves the request')
  h.live.push(entry)
  await ticks()
  if (p.reject !== undefined) assert.is(statusOf(entry.res!), p.reject)
}

const pick = (h: Harness, phase: Live['phase'], ref: number): Live | undefined => {
  const candidates = h.live.filter((l) => l.phase === phase && l.failed === undefined)
  return candidates.length === 0 ? undefined : candidates[ref % candidates.length]
}

const ended = (h: Harness, l: Live): void => {
  h.live.splice(h.live.indexOf(l), 1)
  if (l.seat !== undefined) h.model[l.seat] -= 1
  if (l.tracked) h.model.tracked -= 1
}

const step = async (h: Harness, o: Op): Promise<void> => {
  if (o._tag === 'start') return start(h, o)
  if (o._tag === 'shutdown') {
    if (!h.model.waiting) void h.wg.wait().then(() => (h.model.drained = true))
    h.model.waiting = true
    return ticks()
  }
  if (o._tag === 'end') {
    const l = pick(h, 'responded', o.ref)
    if (l === undefined) return
    runFinalizers(l.res!, o.outcome)
    return ended(h, l)
  }
  const l = pick(h, 'running', o.ref)
  if (l === undefined) return
  if (o._tag === 'respond') l.settle!.resolve(o.streamed ? stream(o.status, chunksOf('inner')) : text(o.status, 'inner'))
  else l.settle!.reject(new Error('defect'))
  await ticks()
  if (o._tag === 'throw') {
    assert.ok(l.failed instanceof Error, 'a defect goes on outward')
    return ended(h, l)
  }
  assert.is(statusOf(l.res!), o.status)
  if (!o.streamed) ended(h, l) // complete: released when answered, as upstream on return
}

const checkInvariants = (h: Harness): void => {
  const { seats, model, cfg } = h
  assert.is(seats.readOnly?.inFlight() ?? 0, model.readOnly)
  assert.is(seats.mutating?.inFlight() ?? 0, model.mutating)
  if (cfg.maxRequestsInFlight > 0) assert.ok(model.readOnly <= cfg.maxRequestsInFlight)
  if (cfg.maxMutatingRequestsInFlight > 0) assert.ok(model.mutating <= cfg.maxMutatingRequestsInFlight)
  assert.is(h.wg.count(), model.tracked)
  assert.is(model.seen429, model.predicted429)
  assert.is(model.seen503, model.predicted503)
}

const finishAll = async (h: Harness): Promise<void> => {
  for (const l of h.live.filter((x) => x.phase === 'running')) l.settle!.resolve(stream(200, chunksOf('late')))
  await ticks()
  for (const l of [...h.live]) {
    runFinalizers(l.res!, 'finished')
    ended(h, l)
  }
  if (!h.model.waiting) void h.wg.wait().then(() => (h.model.drained = true))
  await ticks()
}

const model = suite('max-in-flight and wait-group model')

model('property: seats and wait-group slots match the model after every command and are all given back', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.array(op, { maxLength: 40 }), async (r, m, ops) => {
      const h = harness(r, m)
      for (const o of ops) {
        await step(h, o)
        checkInvariants(h)
      }
      await finishAll(h)
      checkInvariants(h)
      assert.is(h.seats.readOnly?.inFlight() ?? 0, 0)
      assert.is(h.seats.mutating?.inFlight() ?? 0, 0)
      assert.is(h.wg.count(), 0)
      assert.ok(h.model.drained, 'the shutdown wait resolved once everything ended')
    }),
    { numRuns: 200 },
  )
})

model('the model sees 429s at all: a generated run with a full class rejects', async () => {
  const h = harness(1, 1)
  const get = { _tag: 'start', mutating: false, longRunning: false, masters: false } as const
  await step(h, get)
  await step(h, get)
  checkInvariants(h)
  assert.is(h.model.seen429, 1)
})

model.run()
