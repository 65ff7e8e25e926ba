import { serveOptionsDefaults } from '../../config/options/serve-options.js'
import type { FlagSpec, FlagTable } from './flag-spec.js'

const d = serveOptionsDefaults.audit

const audit = (name: string, type: FlagSpec['type'], field: keyof typeof d, help: string): FlagSpec => ({
  name,
  section: 'Auditing',
  type,
  default: d[field],
  path: `audit.${field}`,
  help,
})

/**
 * Upstream's "Auditing flags" for the policy and the log backend (`AuditOptions.AddFlags`, the log's
 * `AuditBatchOptions.AddFlags`), with their help texts.
 */
export const auditFlags: FlagTable = [
  audit(
    'audit-log-batch-buffer-size',
    'int',
    'logBatchBufferSize',
    'The size of the buffer to store events before batching and writing. Only used in batch mode.',
  ),
  audit('audit-log-batch-max-size', 'int', 'logBatchMaxSize', 'The maximum size of a batch. Only used in batch mode.'),
  audit(
    'audit-log-batch-max-wait',
    'duration',
    'logBatchMaxWait',
    "The amount of time to wait before force writing the batch that hadn't reached the max size. Only used in batch mode.",
  ),
  audit(
    'audit-log-batch-throttle-burst',
    'int',
    'logBatchThrottleBurst',
    'Maximum number of requests sent at the same moment if ThrottleQPS was not utilized before. Only used in batch mode.',
  ),
  audit(
    'audit-log-batch-throttle-enable',
    'bool',
    'logBatchThrottleEnable',
    'Whether batching throttling is enabled. Only used in batch mode.',
  ),
  audit(
    'audit-log-batch-throttle-qps',
    'float32',
    'logBatchThrottleQPS',
    'Maximum average number of batches per second. Only used in batch mode.',
  ),
  audit(
    'audit-log-maxage',
    'int',
    'logMaxAge',
    'The maximum number of days to retain old audit log files based on the timestamp encoded in their filename.',
  ),
  audit('audit-log-maxbackup', 'int', 'logMaxBackups', 'The maximum number of old audit log files to retain.'),
  audit('audit-log-maxsize', 'int', 'logMaxSize', 'The maximum size in megabytes of the audit log file before it gets rotated.'),
  audit(
    'audit-log-mode',
    'string',
    'logMode',
    'Strategy for sending audit events. Blocking indicates sending events should block server responses. Batch causes the backend to buffer ' +
      'and write events asynchronously. Known modes are batch,blocking,blocking-strict.',
  ),
  audit(
    'audit-log-path',
    'string',
    'logPath',
    "If set, all requests coming to the apiserver will be logged to this file.  '-' means standard out.",
  ),
  audit('audit-policy-file', 'string', 'policyFile', 'Path to the file that defines the audit policy configuration.'),
]
