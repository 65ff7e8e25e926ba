import * as t from 'io-ts'
import { logBatchDefaults } from '../../audit/buffered-backend.js'
import { requestHeaderDefaults } from '../../auth/request-header-authenticator.js'
import { SniCertKey } from '../../serve/secure-serving-info.js'

const strings = t.readonlyArray(t.string)

/** `--bind-address`, `--secure-port`, certificates and TLS options (upstream `SecureServingOptions`). */
export const SecureServingOptions = t.readonly(
  t.type({
    bindAddress: t.string,
    bindPort: t.number,
    certDir: t.string,
    pairName: t.string,
    certFile: t.string,
    keyFile: t.string,
    minTLSVersion: t.string,
    cipherSuites: strings,
    sniCertKeys: t.readonlyArray(SniCertKey),
  }),
)
export type SecureServingOptions = t.TypeOf<typeof SecureServingOptions>

/** Upstream `ServerRunOptions`: limits, timeouts (milliseconds; `minRequestTimeout` in seconds), shutdown, CORS, HSTS. */
export const ServerRunOptions = t.readonly(
  t.type({
    advertiseAddress: t.string,
    externalHost: t.string,
    corsAllowedOriginList: strings,
    hstsDirectives: strings,
    maxRequestsInFlight: t.number,
    maxMutatingRequestsInFlight: t.number,
    requestTimeout: t.number,
    minRequestTimeout: t.number,
    livezGracePeriod: t.number,
    goawayChance: t.number,
    shutdownDelayDuration: t.number,
    shutdownSendRetryAfter: t.boolean,
    shutdownWatchTerminationGracePeriod: t.number,
  }),
)
export type ServerRunOptions = t.TypeOf<typeof ServerRunOptions>

/** Client certificates, token file, anonymous requests and the front proxy (`--requestheader-*`). */
export const AuthenticationOptions = t.readonly(
  t.type({
    clientCAFile: t.string,
    tokenAuthFile: t.string,
    anonymousAuth: t.boolean,
    requestheaderUsernameHeaders: strings,
    requestheaderUIDHeaders: strings,
    requestheaderGroupHeaders: strings,
    requestheaderExtraHeaderPrefixes: strings,
    requestheaderAllowedNames: strings,
    requestheaderClientCAFile: t.string,
  }),
)
export type AuthenticationOptions = t.TypeOf<typeof AuthenticationOptions>

/** `--authorization-mode` (ordered) and `--authorization-policy-file` (RBAC objects). */
export const AuthorizationOptions = t.readonly(t.type({ modes: strings, policyFile: t.string }))
export type AuthorizationOptions = t.TypeOf<typeof AuthorizationOptions>

/** `-v` (klog's verbosity) and `--logging-format` (`text` or `json`, checked by `validateLogs`). */
export const LogsOptions = t.readonly(t.type({ verbosity: t.number, format: t.string }))
export type LogsOptions = t.TypeOf<typeof LogsOptions>

/**
 * The audit policy and the log backend (`--audit-log-*`); sizes in MB, ages in days; the batch settings
 * (`--audit-log-batch-*`, used in batch mode) with the wait in milliseconds.
 */
export const AuditOptions = t.readonly(
  t.type({
    policyFile: t.string,
    logPath: t.string,
    logMaxAge: t.number,
    logMaxBackups: t.number,
    logMaxSize: t.number,
    logMode: t.string,
    logBatchBufferSize: t.number,
    logBatchMaxSize: t.number,
    logBatchMaxWait: t.number,
    logBatchThrottleEnable: t.boolean,
    logBatchThrottleQPS: t.number,
    logBatchThrottleBurst: t.number,
  }),
)
export type AuditOptions = t.TypeOf<typeof AuditOptions>

/**
 * `--profiling`, `--contention-profiling` and `--enable-priority-and-fairness` (upstream `FeatureOptions`, the
 * part kubechain serves), and `--flowcontrol-config-file` (kubechain's: the APF objects added to upstream's
 * bootstrap ones; empty: the bootstrap objects alone).
 */
export const FeatureOptions = t.readonly(
  t.type({
    enableProfiling: t.boolean,
    enableContentionProfiling: t.boolean,
    enablePriorityAndFairness: t.boolean,
    flowcontrolConfigFile: t.string,
  }),
)
export type FeatureOptions = t.TypeOf<typeof FeatureOptions>
/** `--tracing-config-file` (upstream `TracingOptions`); empty: no SDK, only the API's no-op tracing. */
export const TracingOptions = t.readonly(t.type({ configFile: t.string }))
export type TracingOptions = t.TypeOf<typeof TracingOptions>

/**
 * Everything `kubechain serve` flags set, as decoded values, before `validate` and `complete`. Values stay
 * as typed by the flags (a mode is any string here) so `validateServeOptions` can report them with
 * upstream's messages.
 */
export const ServeOptions = t.readonly(
  t.type({
    secureServing: SecureServingOptions,
    serverRun: ServerRunOptions,
    authentication: AuthenticationOptions,
    authorization: AuthorizationOptions,
    audit: AuditOptions,
    features: FeatureOptions,
    logs: LogsOptions,
    traces: TracingOptions,
  }),
)
export type ServeOptions = t.TypeOf<typeof ServeOptions>

/**
 * Upstream's defaults (kube-apiserver's for the port, 6443, and for `--authorization-mode` ours, RBAC):
 * `0.0.0.0:6443`, certificates in `apiserver.local.config/certificates` (the generic server's directory),
 * TLS 1.2+, 400/200 requests in flight, 1m request timeout, 1800 s minimum watch timeout, anonymous
 * requests on, audit log mode `blocking` with rotation values 0 (upstream's generic flag defaults) and the
 * log's batch defaults (`logBatchDefaults`: buffer 10000, batches of 1, no wait, no throttle), profiling on
 * and contention profiling off (upstream `NewConfig`), priority and fairness on (upstream's default).
 */
export const serveOptionsDefaults: ServeOptions = {
  secureServing: {
    bindAddress: '0.0.0.0',
    bindPort: 6443,
    certDir: 'apiserver.local.config/certificates',
    pairName: 'apiserver',
    certFile: '',
    keyFile: '',
    minTLSVersion: '',
    cipherSuites: [],
    sniCertKeys: [],
  },
  serverRun: {
    advertiseAddress: '',
    externalHost: '',
    corsAllowedOriginList: [],
    hstsDirectives: [],
    maxRequestsInFlight: 400,
    maxMutatingRequestsInFlight: 200,
    requestTimeout: 60_000,
    minRequestTimeout: 1800,
    livezGracePeriod: 0,
    goawayChance: 0,
    shutdownDelayDuration: 0,
    shutdownSendRetryAfter: false,
    shutdownWatchTerminationGracePeriod: 0,
  },
  authentication: { clientCAFile: '', tokenAuthFile: '', anonymousAuth: true, ...requestHeaderDefaults },
  authorization: { modes: ['RBAC'], policyFile: '' },
  audit: {
    policyFile: '',
    logPath: '',
    logMaxAge: 0,
    logMaxBackups: 0,
    logMaxSize: 0,
    logMode: 'blocking',
    logBatchBufferSize: logBatchDefaults.bufferSize,
    logBatchMaxSize: logBatchDefaults.maxBatchSize,
    logBatchMaxWait: logBatchDefaults.maxBatchWaitMs,
    logBatchThrottleEnable: logBatchDefaults.throttleEnable,
    logBatchThrottleQPS: logBatchDefaults.throttleQPS,
    logBatchThrottleBurst: logBatchDefaults.throttleBurst,
  },
  features: { enableProfiling: true, enableContentionProfiling: false, enablePriorityAndFairness: true, flowcontrolConfigFile: '' },
  logs: { verbosity: 0, format: 'text' },
  traces: { configFile: '' },
}
