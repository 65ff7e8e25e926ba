import type { UserInfo } from '../auth/user.js'
import type { Response } from '../core/response.js'
import type { RequestInfo } from '../request/request-info.js'
import { setHeader } from '../core/response.js'
import type { ApfLevel, ApfRuntime } from '../flowcontrol/apf-runtime.js'
import type { Classification } from '../flowcontrol/classify-request.js'
import type { FlowSchema } from '../flowcontrol/flowcontrol-types.js'
import { hashFlowId } from '../flowcontrol/shuffle-sharding.js'
import type { FlowCells, FlowcontrolMetrics } from '../metrics/flowcontrol-metrics.js'

/** Where a classified request goes: its level, its flow's hash, its metric cells and its response headers. */
export interface FlowRoute {
  readonly flowSchema: string
  readonly flowDistinguisher: string
  readonly levelName: string
  readonly level: ApfLevel
  readonly flowHash: bigint
  readonly cells: FlowCells
  /** Sets `X-Kubernetes-PF-FlowSchema-UID` and `X-Kubernetes-PF-PriorityLevel-UID`. */
  readonly mark: (res: Response) => Response
}

/** The routes of classified requests, made once per schema and flow and kept. */
export interface FlowRoutes {
  readonly route: (c: Classification) => FlowRoute
  /**
   * Classifies a request and answers its route, remembered per RequestInfo (the request-info step hands out
   * one object per method and target) and user name and groups, the only facts classification reads.
   */
  readonly routeOf: (user: UserInfo, info: RequestInfo) => FlowRoute
}

/** The user names remembered per RequestInfo at most; past it that RequestInfo's memory starts again. */
export const maxCachedUsersPerTarget = 64

/** The flows kept at most; past it the cache starts again (a flow's hash is cheap to make again, not free). */
export const maxCachedFlows = 10_000

/**
 * Caches per FlowSchema (the classifier's own objects) its level, metric cells (resolved once, not per
 * request) and header marks, and per flow (schema and distinguisher) its hash, at most `maxCachedFlows` flows. A schema whose level is not running (it
 * cannot happen with a runtime made from the same configuration) falls back to `catch-all`.
 * @example
 * import { bootstrapFlowcontrolConfig, newApfRuntime } from 'kubechain/flowcontrol'
 *
 * const apf = newApfRuntime(bootstrapFlowcontrolConfig, 600, { clock })
 * if (E.isRight(apf)) flowRoutes(apf.right, undefined).routeOf(user, info).levelName // 'global-default' for most users
 */
export const flowRoutes = (apf: ApfRuntime, metrics: FlowcontrolMetrics | undefined): FlowRoutes => {
  const schemas = new Map<FlowSchema, SchemaRoutes>()
  const schemaRoutes = (c: Classification): SchemaRoutes => {
    const name = c.flowSchema.metadata.name
    const levelName = apf.levels.has(c.priorityLevel.metadata.name) ? c.priorityLevel.metadata.name : 'catch-all'
    const made: SchemaRoutes = {
      base: {
        flowSchema: name,
        levelName,
        level: apf.levels.get(levelName)!,
        cells: metrics === undefined ? noCells() : metrics.flow(levelName, name),
        mark: marks(c.flowSchema.metadata.uid ?? '', c.priorityLevel.metadata.uid ?? ''),
      },
      flows: new Map(),
    }
    schemas.set(c.flowSchema, made)
    return made
  }
  let cached = 0
  const route = (c: Classification): FlowRoute => {
    const s = schemas.get(c.flowSchema) ?? schemaRoutes(c)
    const known = s.flows.get(c.flowDistinguisher)
    if (known !== undefined) return known
    if (cached >= maxCachedFlows) {
      for (const other of schemas.values()) other.flows.clear()
      cached = 0
    }
    const made = {
      ...s.base,
      flowDistinguisher: c.flowDistinguisher,
      flowHash: hashFlowId(c.flowSchema.metadata.name, c.flowDistinguisher),
    }
    s.flows.set(c.flowDistinguisher, made)
    cached++
    return made
  }
  const byTarget = new WeakMap<RequestInfo, Map<string, Remembered>>()
  const routeOf = (user: UserInfo, info: RequestInfo): FlowRoute => {
    let users = byTarget.get(info)
    const known = users?.get(user.name)
    if (known !== undefined && sameGroups(known.groups, user.groups)) return known.route
    const made = route(apf.classify(user, info))
    if (users === undefined) byTarget.set(info, (users = new Map()))
    else if (users.size >= maxCachedUsersPerTarget) users.clear()
    users.set(user.name, { groups: user.groups, route: made })
    return made
  }
  return { route, routeOf }
}

/** A user's route for one target, and the groups it was classified with. */
interface Remembered {
  readonly groups: ReadonlyArray<string>
  readonly route: FlowRoute
}

const sameGroups = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A schema's route without its flow, and its flows by distinguisher. */
interface SchemaRoutes {
  readonly base: Omit<FlowRoute, 'flowHash' | 'flowDistinguisher'>
  readonly flows: Map<string, FlowRoute>
}

const marks = (flowSchemaUid: string, priorityLevelUid: string): ((res: Response) => Response) => {
  const schema = setHeader('x-kubernetes-pf-flowschema-uid', flowSchemaUid)
  const level = setHeader('x-kubernetes-pf-prioritylevel-uid', priorityLevelUid)
  return (res) => level(schema(res))
}

/** Cells that count into nothing anyone reads, for a filter built without metrics. */
const noCells = (): FlowCells => ({
  dispatched: () => {},
  rejected: () => {},
  inQueue: { value: 0 },
  executing: { value: 0 },
  executingSeats: { value: 0 },
})
