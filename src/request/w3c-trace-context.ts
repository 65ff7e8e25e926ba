import { type SpanContext, TraceFlags, createTraceState } from '@opentelemetry/api'

const hex32 = /^[0-9a-f]{32}$/
const hex16 = /^[0-9a-f]{16}$/
const hex2 = /^[0-9a-f]{2}$/
const zeros32 = '0'.repeat(32)
const zeros16 = '0'.repeat(16)

/**
 * The remote span context of a W3C `traceparent` header (Trace Context level 1): `version-traceid-parentid-flags`
 * in lower-case hex; version `ff` and all-zero ids are invalid; version `00` has exactly four fields, a later
 * version may add fields after a `-`. `tracestate` rides along when the parent is valid. `undefined` for
 * anything else, as OpenTelemetry's `W3CTraceContextPropagator` extracts it.
 * @example
 * remoteSpanContext('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', undefined) // { traceId, spanId, traceFlags: 1, isRemote: true }
 */
export const remoteSpanContext = (traceparent: string | undefined, tracestate: string | undefined): SpanContext | undefined => {
  if (traceparent === undefined) return undefined
  const fields = traceparent.trim().split('-')
  const [version = '', traceId = '', spanId = '', flags = ''] = fields
  if (!hex2.test(version) || version === 'ff' || (version === '00' && fields.length !== 4) || fields.length < 4) return undefined
  if (!hex32.test(traceId) || traceId === zeros32 || !hex16.test(spanId) || spanId === zeros16 || !hex2.test(flags)) return undefined
  const context: SpanContext = { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true }
  return tracestate === undefined ? context : { ...context, traceState: createTraceState(tracestate) }
}
