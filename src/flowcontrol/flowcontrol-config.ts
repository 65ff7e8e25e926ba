import * as E from 'fp-ts/lib/Either.js'
import type { Problem } from '../config/problems.js'
import { mandatoryFlowSchemas, suggestedFlowSchemas } from './bootstrap-flow-schemas.js'
import { mandatoryPriorityLevels, suggestedPriorityLevels } from './bootstrap-priority-levels.js'
import type { FlowSchema, FlowcontrolObject, PriorityLevelConfiguration } from './flowcontrol-types.js'

/** The FlowSchemas and PriorityLevelConfigurations a server runs with, names unique within each kind. */
export interface FlowcontrolConfig {
  readonly flowSchemas: ReadonlyArray<FlowSchema>
  readonly priorityLevels: ReadonlyArray<PriorityLevelConfiguration>
}

/** Upstream's bootstrap configuration: the mandatory objects, then the suggested ones. */
export const bootstrapFlowcontrolConfig: FlowcontrolConfig = {
  flowSchemas: [...mandatoryFlowSchemas, ...suggestedFlowSchemas],
  priorityLevels: [...mandatoryPriorityLevels, ...suggestedPriorityLevels],
}

/** An object given in a configuration, and where it was given (`document 2`), for problems. */
export interface GivenObject {
  readonly object: FlowcontrolObject
  readonly at: string
}

/**
 * Adds `given` objects to `base`, each replacing the object of its kind and name if there is one. A
 * mandatory object (`exempt`, `catch-all`) keeps its spec, as upstream's validation demands (`spec of
 * 'catch-all' must equal the fixed value`), except the exempt level's `nominalConcurrencyShares` and
 * `lendablePercent`, which upstream lets the cluster set. Two given objects of one kind and name are a problem.
 * @example
 * withObjects(bootstrapFlowcontrolConfig, [{ object: suggestedFlowSchemas[0] as FlowSchema, at: 'document 1' }])
 */
export const withObjects = (
  base: FlowcontrolConfig,
  given: ReadonlyArray<GivenObject>,
): E.Either<ReadonlyArray<Problem>, FlowcontrolConfig> => {
  const problems = objectProblems(given)
  if (problems.length > 0) return E.left(problems)
  const schemas = given.flatMap((g) => (g.object.kind === 'FlowSchema' ? [g.object] : []))
  const levels = given.flatMap((g) => (g.object.kind === 'PriorityLevelConfiguration' ? [g.object] : []))
  return E.right({ flowSchemas: replaceByName(base.flowSchemas, schemas), priorityLevels: replaceByName(base.priorityLevels, levels) })
}

const replaceByName = <A extends FlowcontrolObject>(base: ReadonlyArray<A>, given: ReadonlyArray<A>): ReadonlyArray<A> => {
  const byName = new Map(given.map((o) => [o.metadata.name, o]))
  const kept = base.map((o) => byName.get(o.metadata.name) ?? o)
  const known = new Set(base.map((o) => o.metadata.name))
  return [...kept, ...given.filter((o) => !known.has(o.metadata.name))]
}

/** Each given object's problems, in the order given: a second object of one kind and name, a changed mandatory spec. */
const objectProblems = (given: ReadonlyArray<GivenObject>): ReadonlyArray<Problem> => {
  const first = new Map<string, string>()
  return given.flatMap((g) => {
    const key = `${g.object.kind} ${JSON.stringify(g.object.metadata.name)}`
    const earlier = first.get(key)
    if (earlier === undefined) first.set(key, g.at)
    const duplicate = earlier === undefined ? [] : [{ path: `${g.at} (${key})`, message: `duplicate ${key}: also given at ${earlier}` }]
    return [...duplicate, ...mandatoryProblems(g)]
  })
}

/** A given mandatory object whose spec differs from the fixed one. */
const mandatoryProblems = (g: GivenObject): ReadonlyArray<Problem> => {
  const { object } = g
  const fixed: FlowcontrolObject | undefined =
    object.kind === 'FlowSchema'
      ? mandatoryFlowSchemas.find((m) => m.metadata.name === object.metadata.name)
      : mandatoryPriorityLevels.find((m) => m.metadata.name === object.metadata.name)
  if (fixed === undefined || sameJson(comparable(object), comparable(fixed))) return []
  const name = object.metadata.name
  return [{ path: `${g.at} (${object.kind} ${JSON.stringify(name)}).spec`, message: `spec of '${name}' must equal the fixed value` }]
}

/** The spec that must equal the fixed one: the exempt level's shares and lendable percent are the cluster's to set. */
const comparable = (o: FlowcontrolObject): unknown =>
  o.kind === 'PriorityLevelConfiguration' && o.spec.type === 'Exempt' ? { ...o.spec, exempt: undefined } : o.spec

/** Deep equality of JSON values, whatever the order of object keys. */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))

const canonical = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canonical)
  if (typeof v !== 'object' || v === null) return v
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => [k, canonical(x)]),
  )
}
