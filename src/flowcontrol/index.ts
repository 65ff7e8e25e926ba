export {
  flowcontrolGroup,
  flowcontrolV1,
  Int32,
  ObjectMeta,
  Subject,
  ResourcePolicyRule,
  NonResourcePolicyRule,
  PolicyRulesWithSubjects,
  FlowDistinguisherMethod,
  FlowSchemaSpec,
  Condition,
  FlowSchema,
  QueuingConfiguration,
  LimitResponse,
  LimitedPriorityLevelConfiguration,
  ExemptPriorityLevelConfiguration,
  PriorityLevelConfigurationSpec,
  PriorityLevelConfiguration,
  type FlowcontrolObject,
} from './flowcontrol-types.js'
export { flowcontrolDefaults, defaultFlowSchema, defaultPriorityLevel } from './flowcontrol-defaults.js'
export { validateFlowSchema, validatePriorityLevel } from './flowcontrol-validation.js'
export { decodeFlowcontrolDocument } from './decode-flowcontrol-document.js'
export {
  autoUpdateAnnotation,
  exemptPriorityLevel,
  catchAllPriorityLevel,
  mandatoryPriorityLevels,
  suggestedPriorityLevels,
} from './bootstrap-priority-levels.js'
export { exemptFlowSchema, catchAllFlowSchema, mandatoryFlowSchemas, suggestedFlowSchemas } from './bootstrap-flow-schemas.js'
export { type FlowcontrolConfig, type GivenObject, bootstrapFlowcontrolConfig, withObjects } from './flowcontrol-config.js'
export { flowcontrolConfigFlag, parseFlowcontrolConfig } from './parse-flowcontrol-config.js'
export { matchesFlowSchema, matchesSubject } from './matches-flow-schema.js'
export { type Classification, type Classifier, byMatchingOrder, classifier } from './classify-request.js'
export { type StampDeps, servedFlowcontrolObjects } from './served-flowcontrol-objects.js'
