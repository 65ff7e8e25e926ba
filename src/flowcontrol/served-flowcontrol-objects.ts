import type { FlowcontrolConfig } from './flowcontrol-config.js'
import type { Condition, FlowSchema, FlowcontrolObject, PriorityLevelConfiguration } from './flowcontrol-types.js'

/** What stamping objects needs: the time they were created and fresh uids. */
export interface StampDeps {
  /** Milliseconds since the epoch. */
  readonly now: () => number
  readonly newId: () => string
}

/**
 * The configuration as the API serves it (and as requests are classified, so response headers carry
 * the served uids): each object gets a uid, `creationTimestamp`, `resourceVersion` `1` and generation 1,
 * each FlowSchema its `Dangling` condition as upstream's config controller writes it (`Found`, or
 * `NotFound` when its priority level does not exist), each level an empty status. Objects are sorted by
 * name, as an upstream list returns them.
 * @example
 * const served = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: () => clock.now(), newId: () => crypto.randomUUID() })
 */
export const servedFlowcontrolObjects = (config: FlowcontrolConfig, deps: StampDeps): FlowcontrolConfig => {
  const created = new Date(Math.floor(deps.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  const levelNames = new Set(config.priorityLevels.map((pl) => pl.metadata.name))
  const stamp = <A extends FlowcontrolObject>(o: A): A => ({
    ...o,
    metadata: { ...o.metadata, uid: deps.newId(), resourceVersion: '1', generation: 1, creationTimestamp: created },
  })
  const flowSchemas = byName(config.flowSchemas).map(
    (fs): FlowSchema => ({
      ...stamp(fs),
      status: { conditions: [dangling(fs, levelNames.has(fs.spec.priorityLevelConfiguration.name), created)] },
    }),
  )
  const priorityLevels = byName(config.priorityLevels).map((pl): PriorityLevelConfiguration => ({ ...stamp(pl), status: {} }))
  return { flowSchemas, priorityLevels }
}

const dangling = (fs: FlowSchema, found: boolean, at: string): Condition => {
  const level = JSON.stringify(fs.spec.priorityLevelConfiguration.name)
  return {
    type: 'Dangling',
    status: found ? 'False' : 'True',
    lastTransitionTime: at,
    reason: found ? 'Found' : 'NotFound',
    message: found
      ? `This FlowSchema references the PriorityLevelConfiguration object named ${level} and it exists`
      : `This FlowSchema references the PriorityLevelConfiguration object named ${level} but there is no such object`,
  }
}

const byName = <A extends FlowcontrolObject>(objects: ReadonlyArray<A>): ReadonlyArray<A> =>
  [...objects].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
