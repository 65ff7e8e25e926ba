import type { Response } from '../core/response.js'
import { setHeader } from '../core/response.js'
import type { ApfLevel, ApfRuntime } from '../flowcontrol/apf-runtime.js'
import type { Classification } from '../flowcontrol/classify-request.js'
import { hashFlowId } from '../flowcontrol/shuffle-sharding.js'
import type { FlowCells, FlowcontrolMetrics } from '../metrics/flowcontrol-metrics.js'

/** Where a classified request goes: its level, its flow's hash, its metric cells and its response headers. */
export interface FlowRoute {
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
}

/** The flows kept at most; past it the cache starts again (a flow's hash is cheap to make again, not free). */
export const maxCachedFlows = 10_000

/**
 * Caches per FlowSchema its level, metric cells (resolved once, not per request) and header marks, and per
 * flow (schema and distinguisher) its hash, in a bounded map. A schema whose level is not running (it
 * cannot happen with a runtime made from the same configuration) falls back to `catch-all`.
 * @example
 * const routes = flowRoutes(apf, metrics.flowcontrol)
 * routes.route(apf.classify(user, info)).flowHash
 */
export const flowRoutes = (apf: ApfRuntime, metrics: FlowcontrolMetrics | undefined): FlowRoutes => {
  const schemas = new Map<string, Omit<FlowRoute, 'flowHash'>>()
  const flows = new Map<string, FlowRoute>()
  const schemaRoute = (c: Classification): Omit<FlowRoute, 'flowHash'> => {
    const name = c.flowSchema.metadata.name
    let s = schemas.get(name)
    if (s !== undefined) return s
    const levelName = apf.levels.has(c.priorityLevel.metadata.name) ? c.priorityLevel.metadata.name : 'catch-all'
    s = {
      levelName,
      level: apf.levels.get(levelName)!,
      cells: metrics === undefined ? noCells() : metrics.flow(levelName, name),
      mark: marks(c.flowSchema.metadata.uid ?? '', c.priorityLevel.metadata.uid ?? ''),
    }
    schemas.set(name, s)
    return s
  }
  return {
    route: (c) => {
      const key = `${c.flowSchema.metadata.name}\u0000${c.flowDistinguisher}`
      const known = flows.get(key)
      if (known !== undefined) return known
      if (flows.size >= maxCachedFlows) flows.clear()
      const made = { ...schemaRoute(c), flowHash: hashFlowId(c.flowSchema.metadata.name, c.flowDistinguisher) }
      flows.set(key, made)
      return made
    },
  }
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
