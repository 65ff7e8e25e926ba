import * as E from 'fp-ts/lib/Either.js'
import type { Chain, Step } from '../core/step.js'

/** A broken ordering rule; every variant names the steps involved. */
export type OrderViolation =
  | { readonly _tag: 'DuplicateName'; readonly step: string }
  | { readonly _tag: 'MissingProvider'; readonly step: string; readonly attribute: string }
  | { readonly _tag: 'ProviderInside'; readonly step: string; readonly attribute: string; readonly provider: string }
  | { readonly _tag: 'MustRunInside'; readonly step: string; readonly other: string }
  | { readonly _tag: 'MustRunOutside'; readonly step: string; readonly other: string }

/** Renders a violation as one line naming both steps and the rule. */
export const violationMessage = (v: OrderViolation): string => {
  switch (v._tag) {
    case 'DuplicateName':
      return `step "${v.step}" appears more than once`
    case 'MissingProvider':
      return `step "${v.step}" needs ${v.attribute}, but no step provides it`
    case 'ProviderInside':
      return `step "${v.step}" needs ${v.attribute}, but its provider "${v.provider}" runs inside it; move "${v.provider}" outside "${v.step}"`
    case 'MustRunInside':
      return `step "${v.step}" must run inside "${v.other}", but runs outside it`
    case 'MustRunOutside':
      return `step "${v.step}" must run outside "${v.other}", but runs inside it`
  }
}

/**
 * Checks a chain's ordering rules before it is built: unique names; every attribute a step needs is
 * provided by a step outside it; `inside`/`outside` constraints hold for the named steps present. A
 * checked chain keeps its type (a `ServerChain` stays one).
 * @example
 * pipe(checkChain(chain), E.map(build), E.map((f) => f(inner)))
 */
export const checkChain = <A extends Chain>(chain: A): E.Either<ReadonlyArray<OrderViolation>, A> => {
  const position = new Map<string, number>()
  const violations: OrderViolation[] = []
  chain.forEach((s, i) => {
    if (position.has(s.name)) violations.push({ _tag: 'DuplicateName', step: s.name })
    else position.set(s.name, i)
  })
  chain.forEach((s, i) => {
    violations.push(...needsViolations(chain, s, i), ...placementViolations(position, s, i))
  })
  return violations.length === 0 ? E.right(chain) : E.left(violations)
}

const needsViolations = (chain: Chain, s: Step, i: number): OrderViolation[] =>
  s.needs.flatMap((attribute): OrderViolation[] => {
    const providers = chain.flatMap((p, j) => (j !== i && p.provides.includes(attribute) ? [j] : []))
    if (providers.length === 0) return [{ _tag: 'MissingProvider', step: s.name, attribute }]
    if (providers.some((j) => j < i)) return []
    return [{ _tag: 'ProviderInside', step: s.name, attribute, provider: chain[providers[0]!]!.name }]
  })

const placementViolations = (position: ReadonlyMap<string, number>, s: Step, i: number): OrderViolation[] => [
  ...s.inside.flatMap((other): OrderViolation[] => {
    const j = position.get(other)
    return j !== undefined && j > i ? [{ _tag: 'MustRunInside', step: s.name, other }] : []
  }),
  ...s.outside.flatMap((other): OrderViolation[] => {
    const j = position.get(other)
    return j !== undefined && j < i ? [{ _tag: 'MustRunOutside', step: s.name, other }] : []
  }),
]
