// Spec support: runs one request through a built chain and records everything a client, the audit log and the server see.
import fc from 'fast-check'
import {
  type CancelToken,
  type Done,
  type Ended,
  type Handler,
  type LogEntry,
  runFinalizers,
  whenDone,
  whenEnded,
} from '../../../src/core/index.js'
import { bodyText, makeRequest } from '../request.js'
import type { Built } from './chains.js'

/** A request, as data: every way gets its own Request made from it. */
export interface RequestSpec {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
}

/** Requests the chains treat differently: resource and non-resource paths, watches, users, impersonation, CORS. */
export const requestSpec: fc.Arbitrary<RequestSpec> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'OPTIONS'),
  path: fc.constantFrom(
    '/api/v1/namespaces/default/configmaps',
    '/api/v1/pods?watch=true',
    '/api/v1/pods?timeout=5s',
    '/readyz',
    '/apis',
    '/api/v1/pods?timeout=x',
  ),
  headers: fc.dictionary(
    fc.constantFrom('authorization', 'impersonate-user', 'origin', 'user-agent'),
    fc.constantFrom('Bearer alice-token', 'Bearer bob-token', 'Bearer nope', 'alice', 'http://example.com', 'kubectl'),
    { maxKeys: 3 },
  ),
})

/** What one run showed; equal snapshots mean the handler's way of answering made no difference. */
export interface Snapshot {
  /** What the client got (its shape depends on how it was read: in memory, or from the wire), or the defect out of the chain. */
  readonly answer: unknown
  readonly audit: unknown
  readonly logs: ReadonlyArray<string>
  /** Exit-protocol moments seen by a probe around the whole chain. */
  readonly done: ReadonlyArray<Done>
  readonly ended: ReadonlyArray<Ended | 'defect'>
  /** How the inner handler's cancel token stands once the response ended: `context canceled` once its deadline was released. */
  readonly innerToken: ReadonlyArray<string>
  /** After the response ended: wait-group slots, watch slots, read-only and mutating seats; timers left once every deadline fell due. */
  readonly held: {
    readonly wait: number
    readonly watches: number
    readonly readOnly: number
    readonly mutating: number
    readonly timers: number
  }
}

/** Lets whatever a handler scheduled (a macrotask, the promises after it) run out. */
const settleDown = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** A defect as text: its message, not its stack (which names the way it was thrown). */
export const describe = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

/** A log entry with its error as its message only. */
const logLine = (e: LogEntry): string =>
  JSON.stringify({ level: e.level, msg: e.msg, fields: e.fields, error: e.error === undefined ? undefined : describe(e.error) })

/** The chain around `inner`, with a probe outside it that hears the exit moments and a spy inside it that keeps the inner request's token. */
export interface Probed {
  readonly handler: Handler
  readonly done: Done[]
  readonly ended: Array<Ended | 'defect'>
  readonly tokens: CancelToken[]
}

/** Wraps `built` around `inner` with the probe and the spy (see `Probed`). */
export const probed = (built: Built, inner: Handler): Probed => {
  const done: Done[] = []
  const ended: Array<Ended | 'defect'> = []
  const tokens: CancelToken[] = []
  const chain = built.around((r) => (tokens.push(r.cancel), inner(r)))
  const handler: Handler = (r) =>
    whenEnded(
      (x) => whenDone(chain, x, (d) => done.push(d)),
      r,
      (_, e) => ended.push(e),
    )
  return { handler, done, ended, tokens }
}

/**
 * Runs `req` through `built` around `inner`, the way the adapter would: reads the body through, then runs
 * the finalizers with `'finished'`; a defect that comes out of the chain has no response to end.
 */
export const observe = async (built: Built, inner: Handler, req: RequestSpec): Promise<Snapshot> => {
  const p = probed(built, inner)
  let answer: Snapshot['answer']
  try {
    const res = await p.handler(makeRequest(req.path, { method: req.method, headers: req.headers }))
    const body = res._tag === 'Http' ? await bodyText(res) : ''
    runFinalizers(res, 'finished')
    answer =
      res._tag === 'Http' ? { status: res.status, headers: res.headers, deadline: res.deadline !== undefined, body } : { tag: res._tag }
  } catch (e) {
    answer = { defect: describe(e) }
  }
  return snapshot(built, p, answer)
}

/** What `built` and the probe show once the response ended: taken after whatever was scheduled ran, and the held counts after every deadline fell due. */
export const snapshot = async (built: Built, p: Probed, answer: Snapshot['answer']): Promise<Snapshot> => {
  await settleDown()
  const innerToken = p.tokens.map((t) => (t.cancelled ? describe(t.reason) : 'live'))
  built.clock.advance(afterEveryDeadline)
  await settleDown()
  const audit: unknown = JSON.parse(JSON.stringify(built.events))
  return { innerToken, answer, audit, logs: built.logs.map(logLine), done: p.done, ended: p.ended, held: held(built) }
}

/** Past the longest request timeout the chains use, so every deadline timer falls due (and finds nothing to cancel). */
const afterEveryDeadline = 10 * 60_000

const held = ({ ctx, cfg, clock }: Built): Snapshot['held'] => {
  const seats = ctx.runtime.maxInFlightSeats(cfg)
  return {
    wait: ctx.runtime.nonLongRunningRequestWaitGroup.count(),
    watches: ctx.runtime.watchRequestWaitGroup.count(),
    readOnly: seats.readOnly?.inFlight() ?? 0,
    mutating: seats.mutating?.inFlight() ?? 0,
    timers: clock.pending(),
  }
}
