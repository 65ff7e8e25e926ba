export { type AuditRecorder, auditRecorderKey } from './audit-recorder.js'
export {
  Level as AuditLevel,
  Stage as AuditStage,
  GroupResources,
  PolicyRule as AuditPolicyRule,
  Policy as AuditPolicy,
  levelRank,
} from './policy.js'
export { type PolicyError, formatPolicyError, loadPolicy, parsePolicy } from './load-policy.js'
export { type AuditDecision, type PolicyEvaluator, policyEvaluator, noneEvaluator } from './policy-evaluator.js'
export type { EventUser, ObjectReference, ResponseStatus, AuditEvent } from './event.js'
export { encodeEvent } from './encode-event.js'
export { formatMicroTime } from './micro-time.js'
export { type AuditRecord, newAuditRecord, eventAt, recorderFor, eventUser } from './event-builder.js'
export { sourceIPs } from './source-ips.js'
export type { AuditBackend } from './backend.js'
export { AuditMode, withAuditMode } from './backend-mode.js'
export { LogBackendConfig, logBackendDefaults, logBackend, backupName } from './log-backend.js'
export { pruneBackups } from './prune-backups.js'
export { BatchConfig, batchDefaults, logBatchDefaults, bufferedBackend } from './buffered-backend.js'
export { TruncateConfig, truncateDefaults, truncatedAnnotation, truncateBackend } from './truncate-backend.js'
