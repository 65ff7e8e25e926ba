// Spec support: runs one request through a built chain and records everything a client, the audit log and the server see.
import fc from 'fast-check'
import { type CancelToken, type Done, type Ended, type Handler, type HeaderValue, type LogEntry, type Response, runFinalizers, whenDone, whenEnded } from '../../../src/core/index.js'
import { makeRequest } from '../request.js'
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
  path: fc.constantFrom('/api/v1/namespaces/default/configmaps', '/api/v1/pods?watch=true', '/api/v1/pods?timeout=5s', '/readyz', '/apis', '/api/v1/pods?timeout=x'),
  headers: fc.dictionary(
    fc.constantFrom('authorization', 'impersonate-user', 'origin', 'user-agent'),
    fc.constantFrom('Bearer alice-token', 'Bearer bob-token', 'Bearer nope', 'alice', 'http://example.com', 'kubectl'),
    { maxKeys: 3 },
  ),
})

/** What one run showed; equal snapshots mean the handler's way of answering made no difference. */
export interface Snapshot {
  readonly answer: { readonly status: number; readonly headers: Readonly<Record<string, HeaderValue>>; readonly body: string } | { readonly defect: string }
  readonly audit: unknown
  readonly logs: ReadonlyArray<string>
  /** Exit-protocol moments seen by a probe around the whole chain. */
  readonly done: ReadonlyArray<Done>
  readonly ended: ReadonlyArray<Ended | 'defect'>
  /** How the inner handler's cancel token stands once the response ended: `context canceled` once its deadline was released. */
  readonly innerToken: ReadonlyArray<string>
  /** After the response ended: wait-group slots, watch slots, read-only and mutating seats; timers left once every deadline fell due. */
  readonly held: { readonly wait: number; readonly watches: number; readonly readOnly: number; readonly mutating: number; readonly timers: number }
}

const drain = async (res: Response): Promise<string> => {
  if (res._tag !== 'Http') return `<${res._tag}>`
  const body = res.body
  if (body._tag === 'Empty') return ''
  if (body._tag === 'Bytes') return typeof body.value === 'string' ? body.value : Buffer.from(body.value).toString('utf8')
  let out = ''
  for await (const chunk of body.chunks) out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
  return out
}

/** Lets whatever a handler scheduled (a macrotask, the promises after it) run out. */
const settleDown = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** A defect as text: its message, not its stack (which names the way it was thrown). */
const describe = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

/** A log entry with its error as its message only. */
const logLine = (e: LogEntry): string => JSON.stringify({ level: e.level, msg: e.msg, fields: e.fields, error: e.error === undefined ? undefined : describe(e.error) })

/**
 * Runs `req` through `built` around `inner`, the way the adapter would: reads the body through, then runs
 * the finalizers with `'finished'`; a defect that comes out of the chain has no response to end.
 */
export const observe = async (built: Built, inner: Handler, req: RequestSpec): Promise<Snapshot> => {
  const done: Done[] = []
  const ended: Array<Ended | 'defect'> = []
  const tokens: CancelToken[] = []
  const chain = built.around((r) => (tokens.push(r.cancel), inner(r)))
  const probe: Handler = (r) => whenEnded((x) => whenDone(chain, x, (d) => done.push(d)), r, (_, e) => ended.push(e))
  let answer: Snapshot['answer']
  try {
    const res = await probe(makeRequest(req.path, { method: req.method, headers: req.headers }))
    const body = await drain(res)
    runFinalizers(res, 'finished')
    answer = { status: res._tag === 'Http' ? res.status : -1, headers: res.headers, body }
  } catch (e) {
    answer = { defect: describe(e) }
  }
  await settleDown()
  const innerToken = tokens.map((t) => (t.cancelled ? describe(t.reason) : 'live'))
  built.clock.advance(afterEveryDeadline)
  await settleDown()
  return {
    innerToken, answer, audit: JSON.parse(JSON.stringify(built.events)), logs: built.logs.map(logLine), done, ended, held: held(built) }
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
