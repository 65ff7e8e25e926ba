import { corsAllowedOriginsHelpText } from '../../filters/with-cors.js'
import { serveOptionsDefaults } from '../../config/options/serve-options.js'
import type { FlagSpec, FlagTable } from './flag-spec.js'

const d = serveOptionsDefaults.serverRun

const generic = (name: string, type: FlagSpec['type'], field: keyof typeof d, help: string): FlagSpec => ({
  name,
  section: 'Generic',
  type,
  default: d[field],
  path: `serverRun.${field}`,
  help,
})

/**
 * Upstream's "Generic flags" (`ServerRunOptions.AddUniversalFlags`) that kubechain serves, with its help
 * texts. Port note: without API Priority and Fairness the in-flight limits carry upstream's pre-APF help.
 */
export const genericFlags: FlagTable = [
  generic(
    'advertise-address',
    'ip',
    'advertiseAddress',
    'The IP address on which to advertise the apiserver to members of the cluster. This address must be reachable by the rest of the cluster. ' +
      "If blank, the --bind-address will be used. If --bind-address is unspecified, the host's default interface will be used.",
  ),
  generic('cors-allowed-origins', 'stringList', 'corsAllowedOriginList', corsAllowedOriginsHelpText),
  generic(
    'external-hostname',
    'string',
    'externalHost',
    'The hostname to use when generating externalized URLs for this server. If blank, the advertise address is used.',
  ),
  generic(
    'goaway-chance',
    'float',
    'goawayChance',
    "To prevent HTTP/2 clients from getting stuck on a single apiserver, randomly close a connection (GOAWAY). The client's other in-flight " +
      "requests won't be affected, and the client will reconnect, likely landing on a different apiserver after going through the load balancer " +
      "again. This argument sets the fraction of requests that will be sent a GOAWAY. Clusters with single apiservers, or which don't use a load " +
      'balancer, should NOT enable this. Min is 0 (off), Max is .02 (1/50 requests); .001 (1/1000) is a recommended starting point.',
  ),
  generic(
    'livez-grace-period',
    'duration',
    'livezGracePeriod',
    'This option represents the maximum amount of time it should take for apiserver to complete its startup sequence and become live. From ' +
      "apiserver's start time to when this amount of time has elapsed, /livez will assume that unfinished post-start hooks will complete " +
      'successfully and therefore return true.',
  ),
  generic(
    'max-mutating-requests-inflight',
    'int',
    'maxMutatingRequestsInFlight',
    "This and --max-requests-inflight are summed to determine the server's total concurrency limit (which must be positive) if " +
      '--enable-priority-and-fairness is true. Otherwise, this flag limits the maximum number of mutating requests in flight, or a zero value ' +
      'disables the limit completely.',
  ),
  generic(
    'max-requests-inflight',
    'int',
    'maxRequestsInFlight',
    "This and --max-mutating-requests-inflight are summed to determine the server's total concurrency limit (which must be positive) if " +
      '--enable-priority-and-fairness is true. Otherwise, this flag limits the maximum number of non-mutating requests in flight, or a zero ' +
      'value disables the limit completely.',
  ),
  generic(
    'min-request-timeout',
    'int',
    'minRequestTimeout',
    'An optional field indicating the minimum number of seconds a handler must keep a request open before timing it out. Currently only ' +
      'honored by the watch request handler, which picks a randomized value above this number as the connection timeout, to spread out load.',
  ),
  generic(
    'request-timeout',
    'duration',
    'requestTimeout',
    'An optional field indicating the duration a handler must keep a request open before timing it out. This is the default request timeout ' +
      'for requests but may be overridden by flags such as --min-request-timeout for specific types of requests.',
  ),
  generic(
    'shutdown-delay-duration',
    'duration',
    'shutdownDelayDuration',
    'Time to delay the termination. During that time the server keeps serving requests normally. The endpoints /healthz and /livez will ' +
      'return success, but /readyz immediately returns failure. Graceful termination starts after this delay has elapsed. This can be used ' +
      'to allow load balancer to stop sending traffic to this server.',
  ),
  generic(
    'shutdown-send-retry-after',
    'bool',
    'shutdownSendRetryAfter',
    'If true the HTTP Server will continue listening until all non long running request(s) in flight have been drained, during this window ' +
      "all incoming requests will be rejected with a status code 429 and a 'Retry-After' response header, in addition 'Connection: close' " +
      'response header is set in order to tear down the TCP connection when idle.',
  ),
  generic(
    'shutdown-watch-termination-grace-period',
    'duration',
    'shutdownWatchTerminationGracePeriod',
    'This option, if set, represents the maximum amount of grace period the apiserver will wait for active watch request(s) to drain during ' +
      'the graceful server shutdown window.',
  ),
  generic(
    'strict-transport-security-directives',
    'stringList',
    'hstsDirectives',
    'List of directives for HSTS, comma separated. If this list is empty, then HSTS directives will not be added. ' +
      "Example: 'max-age=31536000,includeSubDomains,preload'",
  ),
]

/** Upstream's "Logs flags": `--logging-format` (`text` or `json`) and `-v, --v` (klog verbosity). */
export const logsFlags: FlagTable = [
  {
    name: 'logging-format',
    section: 'Logs',
    type: 'string',
    default: serveOptionsDefaults.logs.format,
    path: 'logs.format',
    help: 'Sets the log format. Permitted formats: "json", "text".',
  },
  {
    name: 'v',
    shorthand: 'v',
    section: 'Logs',
    type: 'int',
    default: serveOptionsDefaults.logs.verbosity,
    path: 'logs.verbosity',
    help: 'number for the log level verbosity',
  },
]
