import { ProxyTracerProvider, type TracerProvider, trace } from '@opentelemetry/api'
import * as O from 'fp-ts/lib/Option.js'
import type { Deps, Filter, Step } from '../core/index.js'
import { get, put, whenDone } from '../core/index.js'
import { traceContextKey } from '../request/trace-context.js'

/** The instrumentation scope of phase spans: upstream `filterlatency`'s, spelled as upstream spells it. */
export const phaseScope = 'k8s.op/apiserver/pkg/endpoints/filterlatency'

/**
 * A child span `name` of the request's span (upstream `filterlatency.TrackStarted`): started when the
 * request reaches this filter, ended when the work inside it is done, so phases nest as upstream's do.
 * Without a recording request span (`TraceContext` unset) it passes the request on untouched.
 * @example
 * import { trace } from '@opentelemetry/api'
 * const traced = withPhaseSpan('authorization', trace.getTracerProvider(), defaultDeps)(withAuthorization(authorizer, defaultDeps)(inner))
 */
export const withPhaseSpan = (name: string, tp: TracerProvider, deps: Pick<Deps, 'clock'>): Filter => {
  const tracer = tp.getTracer(phaseScope)
  return (next) => (req) => {
    const parent = get(req, traceContextKey)
    if (O.isNone(parent)) return next(req)
    const span = tracer.startSpan(name, { startTime: deps.clock.now() }, parent.value)
    return whenDone(next, put(req, traceContextKey, trace.setSpan(parent.value, span)), () => span.end(deps.clock.now()))
  }
}

/** The provider the API's global one delegates to while no SDK is registered. */
const noopProvider = new ProxyTracerProvider().getDelegate()

/**
 * Whether spans of `tp` may ever record: false only for the API's global provider while no SDK is
 * registered. The secure chain adds phase spans only when true, so a server without tracing pays no
 * lookup per phase; an SDK registered after the chain was built gets the request spans, not the phases.
 * @example
 * import { trace } from '@opentelemetry/api'
 * const phases = mayRecord(trace.getTracerProvider()) // false until an SDK registers a provider
 */
export const mayRecord = (tp: TracerProvider): boolean => !(tp instanceof ProxyTracerProvider && tp.getDelegate() === noopProvider)

/**
 * `s` with a phase span named after it around its filter and, given `inner`, a phase span `inner` around
 * what it passes inward (the handler, for the innermost step). The step keeps its name and ordering.
 * @example
 * import { trace } from '@opentelemetry/api'
 * const authorization = withPhaseSpans(authorizationStep(authorizer, defaultDeps), trace.getTracerProvider(), defaultDeps, 'handler')
 */
export const withPhaseSpans = (s: Step, tp: TracerProvider, deps: Pick<Deps, 'clock'>, inner?: string): Step => {
  const outer = withPhaseSpan(s.name, tp, deps)
  const innermost = inner === undefined ? undefined : withPhaseSpan(inner, tp, deps)
  return { ...s, filter: (next) => outer(s.filter(innermost === undefined ? next : innermost(next))) }
}
