import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace'
import type { TracingConfiguration } from '../config/tracing-configuration.js'
import type { Deps } from '../core/deps.js'
import { loggingSpanExporter } from './logging-span-exporter.js'

/** An SDK tracer provider and how to stop it: flush what is queued, then close the exporter. */
export interface TracingSdk {
  readonly provider: TracerProvider
  /** Flushes and shuts down, giving up after `ms` milliseconds; never rejects. */
  readonly shutdown: (ms: number) => Promise<void>
}

/** How the exporter is made; the real OTLP gRPC exporter unless a spec gives another. */
export interface TracingSdkOptions {
  readonly exporter?: SpanExporter
  /** How long one export may take, retries included (the OTLP exporter's `timeoutMillis`). */
  readonly exportTimeoutMs?: number
  /** How long the batch processor waits between exports. */
  readonly scheduledDelayMs?: number
}

/**
 * Upstream's `tracing.NewProvider`: a parent-based sampler whose root sampler takes
 * `samplingRatePerMillion / 1e6` of traces by trace ID (never, at 0), a batch span processor, and an OTLP
 * gRPC exporter to `endpoint` in plaintext; the resource names the service `apiserver` with a fresh
 * instance ID. Export failures are logged (the first of a run of failures, then the recovery) and the
 * exporter's retries are bounded by its timeout; spans are only queued on the request path, and dropped
 * when the queue is full, so a collector that is down never blocks or fails a request.
 * @example
 * const sdk = newTracingSdk({ endpoint: 'localhost:4317', samplingRatePerMillion: 10_000 }, defaultDeps)
 * const chain = secureChain(standaloneContext(), cfg, parts, { tracerProvider: sdk.provider })
 */
export const newTracingSdk = (
  cfg: TracingConfiguration,
  deps: Pick<Deps, 'log' | 'newId' | 'clock'>,
  opts: TracingSdkOptions = {},
): TracingSdk => {
  const timeoutMillis = opts.exportTimeoutMs ?? 10_000
  const exporter = opts.exporter ?? new OTLPTraceExporter({ url: collectorUrl(cfg.endpoint), timeoutMillis })
  const root =
    cfg.samplingRatePerMillion > 0 ? new TraceIdRatioBasedSampler(cfg.samplingRatePerMillion / 1_000_000) : new AlwaysOffSampler()
  const provider = new TracerProvider({
    sampler: new ParentBasedSampler({ root }),
    resource: resourceFromAttributes({ 'service.name': 'apiserver', 'service.instance.id': `apiserver-${deps.newId()}` }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: loggingSpanExporter(exporter, cfg.endpoint, deps.log),
        exportTimeoutMillis: timeoutMillis,
        scheduledDelayMillis: opts.scheduledDelayMs ?? 5_000,
      }),
    ],
  })
  return { provider, shutdown: (ms) => shutdownWithin(provider, ms, deps) }
}

/** The exporter's URL for an upstream endpoint: plaintext `http://host:port`, or the unix socket as is. */
export const collectorUrl = (endpoint: string): string => {
  if (endpoint.startsWith('unix:') || endpoint.startsWith('unix-abstract:')) return endpoint
  if (!endpoint.includes('//')) return `http://${endpoint}`
  const dns = /^dns:\/\/[^/]*\/(.*)$/.exec(endpoint)
  return `http://${dns?.[1] ?? endpoint.replace(/^[a-z]+:\/\//, '')}`
}

const shutdownWithin = (provider: TracerProvider, ms: number, deps: Pick<Deps, 'log' | 'clock'>): Promise<void> =>
  new Promise((resolve) => {
    const cancel = deps.clock.setTimer(() => {
      deps.log({ level: 'error', msg: 'tracing: gave up flushing spans at shutdown', fields: { timeoutMs: ms } })
      resolve()
    }, ms)
    provider.shutdown().then(
      () => (cancel(), resolve()),
      (e: unknown) => {
        cancel()
        deps.log({ level: 'error', msg: 'tracing: shutdown failed', fields: { error: e instanceof Error ? e.message : String(e) } })
        resolve()
      },
    )
  })
