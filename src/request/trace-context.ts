import type { Context } from '@opentelemetry/api'
import { attr } from '../core/attributes.js'

/**
 * The OpenTelemetry context that holds the request's server span; set by `tracing` only when that span
 * records, so filters that start child spans (`withPhaseSpan`) find nothing and pass by otherwise.
 */
export const traceContextKey = attr<Context>('TraceContext')
