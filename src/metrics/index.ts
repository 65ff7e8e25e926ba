export {
  type ApiServerMetrics,
  type ApiServerMetricsOptions,
  type InflightSample,
  type Monitor,
  newApiServerMetrics,
} from './api-server-metrics.js'
export {
  type Family,
  type FamilyOptions,
  type HistogramCell,
  type Stability,
  type ValueCell,
  counterFamily,
  gaugeFamily,
  goFloat,
  histogramFamily,
  observeHistogram,
} from './families.js'
export { metricsHandler } from './metrics-handler.js'
export {
  type RequestLabels,
  apiServerComponent,
  otherVerb,
  reportedDryRun,
  reportedScope,
  reportedVerb,
  requestLabels,
} from './request-labels.js'
export { type RequestSeries, requestDurationBuckets, requestSeries, responseSizeBuckets } from './request-series.js'
export { type SliMetrics, newSliMetrics } from './sli-metrics.js'
export {
  type FlowCells,
  type FlowcontrolMetrics,
  type FlowcontrolRejectReason,
  type LevelLimitSample,
  flowcontrolMetrics,
  flowcontrolRejectReasons,
  flowcontrolWaitBuckets,
} from './flowcontrol-metrics.js'
