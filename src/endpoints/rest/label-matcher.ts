import * as E from 'fp-ts/lib/Either.js'
import { validateLabelSelector } from '../../request/label-selector.js'

/** Whether a set of labels matches a selector. */
export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean

type Requirement = (labels: Readonly<Record<string, string>>) => boolean

const ID = '[^\\s=!<>(),]+'
const SET = new RegExp(`^(${ID})\\s+(in|notin)\\s*\\(([^)]*)\\)$`)
const EXACT = new RegExp(`^(${ID})\\s*(==|=|!=|>|<)\\s*([^\\s=!<>(),]*)$`)
const EXISTS = new RegExp(`^(!?)\\s*(${ID})$`)

const everything: LabelMatcher = () => true
const noLabels: Readonly<Record<string, string>> = {}

/**
 * Compiles a label selector (apimachinery `labels.Parse` semantics) into a matcher: `k=v`, `k==v`,
 * `k!=v` (also true without the label), `k in (a,b)`, `k notin (a,b)` (also true without the label),
 * `k`, `!k`, `k>n`, `k<n`. The grammar is checked by `validateLabelSelector`; its message is the Left.
 * @example
 * const m = compileLabelSelector('app=web,tier notin (db)')
 * E.map((f: LabelMatcher) => f({ app: 'web' }))(m) // right(true)
 */
export const compileLabelSelector = (selector: string): E.Either<string, LabelMatcher> => {
  if (selector.trim() === '') return E.right(everything)
  const valid = validateLabelSelector(selector)
  if (E.isLeft(valid)) return valid
  const reqs = splitRequirements(selector).map(requirement)
  return E.right((labels) => {
    const l = labels ?? noLabels
    for (const r of reqs) if (!r(l)) return false
    return true
  })
}

/** Splits on commas outside parentheses. */
const splitRequirements = (s: string): string[] => {
  const out: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++
    else if (s[i] === ')') depth--
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(start, i).trim())
      start = i + 1
    }
  }
  out.push(s.slice(start).trim())
  return out.filter((r) => r !== '')
}

const requirement = (text: string): Requirement => {
  const set = SET.exec(text)
  if (set !== null) return setRequirement(set[1] as string, set[2] === 'in', set[3] as string)
  const exact = EXACT.exec(text)
  if (exact !== null) return exactRequirement(exact[1] as string, exact[2] as string, exact[3] as string)
  const exists = EXISTS.exec(text)
  const key = exists?.[2] ?? text
  return exists?.[1] === '!' ? (l) => !Object.hasOwn(l, key) : (l) => Object.hasOwn(l, key)
}

const setRequirement = (key: string, isIn: boolean, list: string): Requirement => {
  const values = new Set(list.split(',').map((v) => v.trim()))
  return isIn
    ? (l) => Object.hasOwn(l, key) && values.has(l[key] as string)
    : (l) => !Object.hasOwn(l, key) || !values.has(l[key] as string)
}

const exactRequirement = (key: string, op: string, value: string): Requirement => {
  if (op === '!=') return (l) => !Object.hasOwn(l, key) || l[key] !== value
  if (op === '=' || op === '==') return (l) => Object.hasOwn(l, key) && l[key] === value
  const bound = BigInt(value)
  return (l) => {
    const v = l[key]
    if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return false
    return op === '>' ? BigInt(v) > bound : BigInt(v) < bound
  }
}
