import type { UserInfo } from '../auth/user.js'
import type { RequestInfo } from '../request/request-info.js'
import { catchAllFlowSchema, exemptFlowSchema } from './bootstrap-flow-schemas.js'
import { catchAllPriorityLevel, exemptPriorityLevel } from './bootstrap-priority-levels.js'
import type { FlowcontrolConfig } from './flowcontrol-config.js'
import type { FlowSchema, PriorityLevelConfiguration } from './flowcontrol-types.js'
import { matchesFlowSchema } from './matches-flow-schema.js'

/** Where a request goes: its FlowSchema, that schema's priority level, and the flow within the level. */
export interface Classification {
  readonly flowSchema: FlowSchema
  readonly priorityLevel: PriorityLevelConfiguration
  /** The user's name (`ByUser`) or the request's namespace (`ByNamespace`); `''` without a method or where flows are not told apart. */
  readonly flowDistinguisher: string
}

/** Classifies one request. */
export type Classifier = (user: UserInfo, info: RequestInfo) => Classification

/** Upstream's matching order: `matchingPrecedence` ascending, then name. */
export const byMatchingOrder = (a: FlowSchema, b: FlowSchema): number =>
  (a.spec.matchingPrecedence ?? 1000) - (b.spec.matchingPrecedence ?? 1000) ||
  (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0)

/**
 * A classifier over a configuration (upstream's `startRequest` selection): the first FlowSchema in
 * matching order that matches, skipping schemas whose priority level does not exist (dangling); the
 * mandatory `exempt` and `catch-all` schemas and levels are supplied when missing, and `catch-all` takes
 * a request nothing matches. The distinguisher is computed only for a level that queues on more than one
 * queue, as upstream (a flow is then hashed to its queues); otherwise it is `''`.
 * @example
 * const classify = classifier(bootstrapFlowcontrolConfig)
 * classify(user, info).priorityLevel.metadata.name // 'workload-low' for a service account
 */
export const classifier = (config: FlowcontrolConfig): Classifier => {
  const levels = new Map(config.priorityLevels.map((pl) => [pl.metadata.name, pl]))
  for (const pl of [exemptPriorityLevel, catchAllPriorityLevel]) if (!levels.has(pl.metadata.name)) levels.set(pl.metadata.name, pl)
  const schemas = orderedSchemas(config.flowSchemas, levels)
  const catchAll = schemas.find((fs) => fs.metadata.name === catchAllFlowSchema.metadata.name) ?? catchAllFlowSchema
  return (user, info) => {
    const flowSchema = schemas.find((fs) => matchesFlowSchema(fs, user, info)) ?? catchAll
    const priorityLevel = levels.get(flowSchema.spec.priorityLevelConfiguration.name) ?? catchAllPriorityLevel
    return { flowSchema, priorityLevel, flowDistinguisher: distinguisher(flowSchema, priorityLevel, user, info) }
  }
}

/** The schemas with a level, in matching order, with `exempt` first and `catch-all` last when the configuration lacks them. */
const orderedSchemas = (
  given: ReadonlyArray<FlowSchema>,
  levels: ReadonlyMap<string, PriorityLevelConfiguration>,
): ReadonlyArray<FlowSchema> => {
  const usable = given.filter((fs) => levels.has(fs.spec.priorityLevelConfiguration.name)).sort(byMatchingOrder)
  const has = (name: string) => usable.some((fs) => fs.metadata.name === name)
  return [
    ...(has(exemptFlowSchema.metadata.name) ? [] : [exemptFlowSchema]),
    ...usable,
    ...(has(catchAllFlowSchema.metadata.name) ? [] : [catchAllFlowSchema]),
  ]
}

const distinguisher = (fs: FlowSchema, pl: PriorityLevelConfiguration, user: UserInfo, info: RequestInfo): string => {
  const queues =
    pl.spec.type === 'Limited' && pl.spec.limited?.limitResponse.type === 'Queue' ? (pl.spec.limited.limitResponse.queuing?.queues ?? 0) : 0
  if (queues <= 1) return ''
  const method = fs.spec.distinguisherMethod?.type
  return method === 'ByUser' ? user.name : method === 'ByNamespace' ? info.namespace : ''
}
