import { readFile } from 'node:fs/promises'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as t from 'io-ts'
import { oneYamlDocument } from '../internal/one-yaml-document.js'
import { Policy, type PolicyRule } from './policy.js'

/** Why a policy could not be loaded: one line per problem, each naming the field (`rules[2].level`). */
export interface PolicyError {
  readonly _tag: 'PolicyError'
  readonly source: string
  readonly problems: ReadonlyArray<string>
}

const policyError = (source: string, problems: ReadonlyArray<string>): PolicyError => ({ _tag: 'PolicyError', source, problems })

/** The text of a PolicyError, one problem a line, each prefixed with the source. */
export const formatPolicyError = (err: PolicyError): string => err.problems.map((p) => `${err.source}: ${p}`).join('\n')

/**
 * Reads an audit policy file (`--audit-policy-file`), YAML or JSON, `audit.k8s.io/v1` only.
 * @example
 * const policy = await loadPolicy('/etc/kubechain/audit-policy.yaml')() // right(Policy) or left(PolicyError)
 */
export const loadPolicy = (path: string): TE.TaskEither<PolicyError, Policy> =>
  pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (e) => policyError(path, [`failed to read file: ${e instanceof Error ? e.message : String(e)}`]),
    ),
    TE.chainEitherK((text) => parsePolicy(text, path)),
  )

/** Parses and validates a policy from YAML or JSON text; `source` names it in errors. */
export const parsePolicy = (text: string, source = 'policy'): E.Either<PolicyError, Policy> =>
  pipe(
    oneYamlDocument(text, 'Policy'),
    E.chain((doc) => E.mapLeft(decodeProblems)(Policy.decode(doc))),
    E.chain((policy) => {
      const problems = validatePolicy(policy)
      return problems.length === 0 ? E.right(policy) : E.left(problems)
    }),
    E.mapLeft((problems) => policyError(source, problems)),
  )

const decodeProblems = (errors: t.Errors): ReadonlyArray<string> => [...new Set(errors.map(describeError))]

const describeError = (e: t.ValidationError): string => {
  let path = ''
  e.context.forEach((c, i) => {
    const parent = e.context[i - 1]
    if (c.key === '' || parent === undefined || tagOf(parent) === 'IntersectionType') return
    path += /^\d+$/.test(c.key) && tagOf(parent) === 'ReadonlyArrayType' ? `[${c.key}]` : path === '' ? c.key : `.${c.key}`
  })
  const last = e.context[e.context.length - 1]
  return `${path === '' ? 'policy' : path}: expected ${last?.type.name ?? 'a valid value'}, got ${JSON.stringify(e.value) ?? 'nothing'}`
}

interface Tagged {
  readonly _tag?: string
  readonly type?: Tagged
}

/** The codec kind of a context entry, looking through `t.readonly`. */
const tagOf = (c: t.ContextEntry): string | undefined => {
  const type = c.type as unknown as Tagged
  return type._tag === 'ReadonlyType' ? type.type?._tag : type._tag
}

/** Upstream's validation beyond types (`validation.ValidatePolicy`, `reader.go`). */
const validatePolicy = (policy: Policy): ReadonlyArray<string> =>
  policy.rules.length === 0 ? ['loaded illegal policy with 0 rules'] : policy.rules.flatMap(validateRule)

const validateRule = (rule: PolicyRule, i: number): ReadonlyArray<string> => {
  const at = `rules[${i}]`
  const out: string[] = []
  const resourceRule = (rule.resources?.length ?? 0) > 0 || (rule.namespaces?.length ?? 0) > 0
  if (resourceRule && (rule.nonResourceURLs?.length ?? 0) > 0) {
    out.push(`${at}.nonResourceURLs: rules cannot apply to both regular resources and non-resource URLs`)
  }
  ;(rule.nonResourceURLs ?? []).forEach((url, j) => {
    if (url === '*') return
    if (!url.startsWith('/'))
      out.push(`${at}.nonResourceURLs[${j}]: non-resource URL rules must begin with a '/' character, got ${JSON.stringify(url)}`)
    if (url.slice(0, -1).includes('*'))
      out.push(
        `${at}.nonResourceURLs[${j}]: non-resource URL wildcards '*' must be the final character of the rule, got ${JSON.stringify(url)}`,
      )
  })
  ;(rule.resources ?? []).forEach((gr, j) => {
    if ((gr.resourceNames?.length ?? 0) > 0 && (gr.resources ?? []).some((r) => r.includes('*'))) {
      out.push(`${at}.resources[${j}].resourceNames: using resource names with wildcard resources is not supported`)
    }
  })
  return out
}
