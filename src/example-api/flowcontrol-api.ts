import type { Clock } from '../core/clock.js'
import type { Handler } from '../core/handler.js'
import type { WebService } from '../director/director.js'
import { type ApiGroup, apiGroupHandler, apiGroupOf, apiResourceOf, resourceListHandler } from '../endpoints/discovery.js'
import type { JsonObject } from '../endpoints/json-value.js'
import { byMatchingOrder } from '../flowcontrol/classify-request.js'
import type { FlowcontrolConfig } from '../flowcontrol/flowcontrol-config.js'
import { type FlowSchema, flowcontrolGroup } from '../flowcontrol/flowcontrol-types.js'
import { flowSchemaDefinition, flowSchemaTrailingColumns, priorityLevelConfigurationDefinition } from './flowcontrol-definitions.js'
import { readOnlyHandler } from './read-only-handler.js'

/** flowcontrol.apiserver.k8s.io as `/apis` lists it: add it to `apiGroupListHandlerOf`'s groups. */
export const flowcontrolApiGroup: ApiGroup = apiGroupOf(flowcontrolGroup, 'v1')

const root = `/apis/${flowcontrolGroup}`
const v1 = `${root}/v1`

/**
 * The web services that serve a server's APF configuration read-only: `GET /apis/flowcontrol.apiserver.k8s.io`
 * (its APIGroup), `/apis/flowcontrol.apiserver.k8s.io/v1` (its APIResourceList: flowschemas and
 * prioritylevelconfigurations, get and list), and list and get of both, with upstream's Table columns
 * (FlowSchema rows in matching order, as upstream's printer sorts them), so `kubectl get
 * flowschemas,prioritylevelconfigurations` prints as from a cluster. Writes are 405. Pass the objects
 * `servedFlowcontrolObjects` stamped, the same the classifier uses, so uids in APF's response headers
 * name served objects.
 * @example
 * import { bootstrapFlowcontrolConfig, servedFlowcontrolObjects } from 'kubechain/flowcontrol'
 *
 * const served = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: () => deps.clock.now(), newId: deps.newId })
 * const services = [...flowcontrolApiServices(served, { clock: deps.clock })]
 */
export const flowcontrolApiServices = (served: FlowcontrolConfig, deps: { readonly clock: Clock }): ReadonlyArray<WebService> => {
  const asJson = (objects: ReadonlyArray<object>): ReadonlyArray<JsonObject> => objects as unknown as ReadonlyArray<JsonObject>
  const flowSchemas = readOnlyHandler(flowSchemaDefinition, asJson(served.flowSchemas), '1', deps, {
    rowOrder: (a, b) => byMatchingOrder(a as unknown as FlowSchema, b as unknown as FlowSchema),
    trailingColumns: flowSchemaTrailingColumns,
  })
  const levels = readOnlyHandler(priorityLevelConfigurationDefinition, asJson(served.priorityLevels), '1', deps)
  const discovery = resourceListHandler(
    v1,
    `${flowcontrolGroup}/v1`,
    [flowSchemaDefinition, priorityLevelConfigurationDefinition].map(apiResourceOf),
  )
  const resources: Handler = (req) => (req.path.startsWith(`${v1}/prioritylevelconfigurations`) ? levels(req) : flowSchemas(req))
  return [
    { root: v1, handler: (req) => (req.path === v1 || req.path === `${v1}/` ? discovery(req) : resources(req)) },
    { root, handler: apiGroupHandler(flowcontrolApiGroup) },
  ]
}
