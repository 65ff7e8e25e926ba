import { type Context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type TracerProvider, trace } from '@opentelemetry/api'
import * as O from 'fp-ts/lib/Option.js'
import { userKey, wellKnown } from '../auth/user.js'
import type { Clock, Deps, Done, Exit, Filter, Request, Response, Step } from '../core/index.js'
import { doneWith, exit, get, put, step } from '../core/index.js'
import { receivedTimestampKey, requestInfoKey } from '../request/index.js'
import { requestTraceAttributes, responseTraceAttributes, spanName } from '../request/trace-attributes.js'
import { traceContextKey } from '../request/trace-context.js'
import { remoteSpanContext } from '../request/w3c-trace-context.js'
import { auditIdForLog } from './with-audit-init.js'

/** The instrumentation scope of the server span: otelhttp's, which makes upstream's. */
export const tracingScope = 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp'

/**
 * Upstream `WithTracing`: a server span per request, started at the received timestamp, named by
 * `spanName`, with otelhttp's request attributes (`requestTraceAttributes`), `http.target` (the request
 * URI) and `audit-id`, and an event `authenticated` (authentication runs just outside). The incoming W3C
 * `traceparent` is the parent only for a user in `system:masters` or `system:monitoring`; for anyone else
 * the request is a public endpoint: a new root span with a link to the incoming context. When the work is
 * done the span gets `http.response.status_code` (and the body size when known) and ends; a 5xx or a
 * defect sets status Error, a defect is recorded as an exception. A span that does not record (no SDK, or
 * not sampled) costs a start and nothing else: attributes are computed only for a recording span.
 * Port note: samplers see the method as the span name, and neither attributes nor the link (all are set
 * once the span records); request body size is not recorded.
 * @example
 * import { trace } from '@opentelemetry/api'
 * const handler = withTracing(trace.getTracerProvider(), defaultDeps)(inner)
 */
export const withTracing = (tp: TracerProvider, deps: Pick<Deps, 'clock'>): Filter => {
  const tracer = tp.getTracer(tracingScope)
  const on = finish(deps.clock)
  return (next) => (req) => {
    const parent = parentOf(req)
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, startTime: startOf(req, deps.clock) }, parent)
    if (!span.isRecording()) return next(req)
    describe(span, req, deps.clock)
    if (parent === ROOT_CONTEXT) linkIncoming(span, req)
    return exit(next, put(req, traceContextKey, trace.setSpan(parent, span)), on, span)
  }
}

/**
 * The `tracing` step: inside authentication (only an authenticated privileged user may set the parent,
 * and so the sampling) and outside audit, impersonation (the user who connected decides, not the one
 * impersonated), max-in-flight and authorization, as upstream. Provides `TraceContext` (when recording).
 */
export const tracingStep = (tp: TracerProvider, deps: Pick<Deps, 'clock'>): Step =>
  step('tracing', withTracing(tp, deps), {
    provides: [traceContextKey],
    inside: ['audit-init', 'request-received-timestamp', 'request-info', 'authentication'],
    outside: ['audit', 'impersonation', 'priority-and-fairness', 'max-in-flight', 'authorization'],
  })

/**
 * The incoming context for a privileged user who sent a `traceparent`; the root context for anyone else
 * (upstream's public endpoint: a new root), whose incoming context is read only once the span records.
 */
const parentOf = (req: Request): Context => (req.headers.traceparent !== undefined && privileged(req) ? remoteContext(req) : ROOT_CONTEXT)

/**
 * The incoming W3C trace context (upstream's propagators: trace context and baggage; baggage is not read,
 * as nothing here propagates it further).
 */
const remoteContext = (req: Request): Context => {
  const remote = remoteSpanContext(first(req.headers.traceparent), first(req.headers.tracestate))
  return remote === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, remote)
}

const first = (v: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof v === 'string' || v === undefined ? v : v.join(',')

const startOf = (req: Request, clock: Clock): number => {
  const received = get(req, receivedTimestampKey)
  return O.isSome(received) ? received.value : clock.now()
}

/** Upstream's `notSystemPrivilegedGroup` negated: members of `system:masters` or `system:monitoring`. */
const privileged = (req: Request): boolean => {
  const user = get(req, userKey)
  return O.isSome(user) && user.value.groups.some((g) => g === wellKnown.systemPrivilegedGroup || g === wellKnown.monitoringGroup)
}

/** A public endpoint's span links to the incoming span context, when the request carries a valid one. */
const linkIncoming = (span: Span, req: Request): void => {
  if (req.headers.traceparent === undefined) return
  const remote = remoteSpanContext(first(req.headers.traceparent), first(req.headers.tracestate))
  if (remote !== undefined && trace.isSpanContextValid(remote) && remote.isRemote === true) span.addLink({ context: remote })
}

const describe = (span: Span, req: Request, clock: Clock): void => {
  span.updateName(spanName(req.method, get(req, requestInfoKey)))
  span.setAttributes(requestTraceAttributes(req))
  span.setAttribute('http.target', req.url)
  span.setAttribute('audit-id', auditIdForLog(req))
  span.addEvent('authenticated', clock.now())
}

/** What happens when the work is done: the response's status on the span, then the span ends. */
const finish = (clock: Clock): Exit<Span> => ({
  answered: (res, span) => doneWith(res, (done) => end(span, res, done, clock)),
  defect: (error, span) => {
    span.recordException(error instanceof Error ? error : String(error), clock.now())
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
    span.end(clock.now())
    throw error
  },
})

const end = (span: Span, res: Response, done: Done, clock: Clock): void => {
  const status = res._tag === 'Http' ? res.status : res._tag === 'Upgrade' ? 101 : 0
  if (status > 0) span.setAttributes(responseTraceAttributes(status, bodySize(res)))
  if (status >= 500 || (status > 0 && status < 100)) span.setStatus({ code: SpanStatusCode.ERROR })
  if (done === 'aborted' || done === 'discarded') span.addEvent(`response ${done}`, clock.now())
  span.end(clock.now())
}

const bodySize = (res: Response): number => {
  if (res._tag !== 'Http' || res.body._tag !== 'Bytes') return 0
  const value = res.body.value
  return typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength
}
