import { type ExportResult, ExportResultCode } from '@opentelemetry/core'
import type { SpanExporter } from '@opentelemetry/sdk-trace'
import type { Logger } from '../core/logger.js'

/**
 * `exporter` that logs how exports go without flooding the log: the first failure of a run of failures
 * (`tracing: failed to export spans`, with the collector and the error) and the first success after it
 * (`tracing: exporting spans again`). Results pass to the caller unchanged.
 */
export const loggingSpanExporter = (exporter: SpanExporter, endpoint: string, log: Logger): SpanExporter => {
  let failing = false
  const report = (result: ExportResult): void => {
    if (result.code === ExportResultCode.SUCCESS) {
      if (failing) log({ level: 'info', msg: 'tracing: exporting spans again', fields: { endpoint } })
      failing = false
      return
    }
    if (!failing)
      log({ level: 'error', msg: 'tracing: failed to export spans', fields: { endpoint, error: result.error?.message ?? 'unknown error' } })
    failing = true
  }
  return {
    export: (spans, done) =>
      exporter.export(spans, (result) => {
        report(result)
        done(result)
      }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  }
}
