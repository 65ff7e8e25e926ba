import type { Problem } from '../config/problems.js'
import type {
  FlowSchema,
  LimitResponse,
  LimitedPriorityLevelConfiguration,
  NonResourcePolicyRule,
  PolicyRulesWithSubjects,
  PriorityLevelConfiguration,
  QueuingConfiguration,
  ResourcePolicyRule,
  Subject,
} from './flowcontrol-types.js'

type Report = (path: string, message: string) => void

const supportedVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch']
const maxQueues = 10_000_000
const maxHashBits = 60
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const nsMessage =
  "each member of this list must be '*' or a DNS-1123 label; a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"

/** Upstream's validation of a (defaulted) FlowSchema (`pkg/apis/flowcontrol/validation`), each problem at its field path. */
export const validateFlowSchema = (fs: FlowSchema): ReadonlyArray<Problem> =>
  collect((bad) => {
    validateName(fs.metadata.name, (m) => bad('metadata.name', m))
    const { spec } = fs
    const precedence = spec.matchingPrecedence ?? 1000
    if (precedence <= 0) bad('spec.matchingPrecedence', `must be a positive value, got ${precedence}`)
    if (precedence > 10000) bad('spec.matchingPrecedence', `must not be greater than 10000, got ${precedence}`)
    if (precedence === 1 && fs.metadata.name !== 'exempt')
      bad('spec.matchingPrecedence', "only the schema named 'exempt' may have matchingPrecedence 1")
    if (spec.priorityLevelConfiguration.name === '') bad('spec.priorityLevelConfiguration.name', 'must reference a priority level')
    else validateName(spec.priorityLevelConfiguration.name, (m) => bad('spec.priorityLevelConfiguration.name', m))
    ;(spec.rules ?? []).forEach((r, i) => validateRule(r, at(bad, `spec.rules[${i}]`)))
  })

/** Upstream's validation of a (defaulted) PriorityLevelConfiguration, each problem at its field path. */
export const validatePriorityLevel = (pl: PriorityLevelConfiguration): ReadonlyArray<Problem> =>
  collect((bad) => {
    validateName(pl.metadata.name, (m) => bad('metadata.name', m))
    const { spec } = pl
    if ((pl.metadata.name === 'exempt') !== (spec.type === 'Exempt'))
      bad('spec.type', `type must be 'Exempt' if and only if name is 'exempt', got ${JSON.stringify(spec.type)}`)
    if (spec.type === 'Exempt') {
      if (spec.limited !== undefined) bad('spec.limited', 'must be nil if the type is not Limited')
      nonNegative(spec.exempt?.nominalConcurrencyShares, at(bad, 'spec.exempt.nominalConcurrencyShares'))
      percent(spec.exempt?.lendablePercent, at(bad, 'spec.exempt.lendablePercent'))
    } else if (spec.limited === undefined) bad('spec.limited', 'must not be empty when type is Limited')
    else validateLimited(spec.limited, at(bad, 'spec.limited'))
    if (spec.type === 'Limited' && spec.exempt !== undefined) bad('spec.exempt', 'must be nil if the type is Limited')
  })

const validateLimited = (l: LimitedPriorityLevelConfiguration, bad: Report): void => {
  nonNegative(l.nominalConcurrencyShares, at(bad, 'nominalConcurrencyShares'))
  percent(l.lendablePercent, at(bad, 'lendablePercent'))
  if (l.borrowingLimitPercent !== undefined && l.borrowingLimitPercent < 0)
    bad('borrowingLimitPercent', `if specified, must be a non-negative integer, got ${l.borrowingLimitPercent}`)
  validateLimitResponse(l.limitResponse, at(bad, 'limitResponse'))
}

const validateLimitResponse = (lr: LimitResponse, bad: Report): void => {
  if (lr.type === 'Reject' && lr.queuing !== undefined) bad('queuing', 'must be nil if limited.limitResponse.type is not Limited')
  if (lr.type === 'Queue') {
    if (lr.queuing === undefined) bad('queuing', 'must not be empty if limited.limitResponse.type is Limited')
    else validateQueuing(lr.queuing, at(bad, 'queuing'))
  }
}

const validateQueuing = (q: QueuingConfiguration, bad: Report): void => {
  const queues = q.queues ?? 0
  const handSize = q.handSize ?? 0
  if ((q.queueLengthLimit ?? 0) <= 0) bad('queueLengthLimit', `must be positive, got ${q.queueLengthLimit}`)
  if (queues <= 0) bad('queues', `must be positive, got ${queues}`)
  else if (queues > maxQueues) bad('queues', `must not be greater than ${maxQueues}, got ${queues}`)
  if (handSize <= 0) bad('handSize', `must be positive, got ${handSize}`)
  else if (handSize > queues) bad('handSize', `should not be greater than queues (${queues}), got ${handSize}`)
  else if (Math.ceil(Math.log2(queues) * handSize) > maxHashBits)
    bad('handSize', `required entropy bits of deckSize ${queues} and handSize ${handSize} should not be greater than ${maxHashBits}`)
}

const validateRule = (r: PolicyRulesWithSubjects, bad: Report): void => {
  if (r.subjects.length === 0) bad('subjects', 'subjects must contain at least one value')
  r.subjects.forEach((s, i) => validateSubject(s, at(bad, `subjects[${i}]`)))
  if ((r.resourceRules ?? []).length === 0 && (r.nonResourceRules ?? []).length === 0)
    bad('', 'at least one of resourceRules and nonResourceRules has to be non-empty')
  ;(r.resourceRules ?? []).forEach((rr, i) => validateResourceRule(rr, at(bad, `resourceRules[${i}]`)))
  ;(r.nonResourceRules ?? []).forEach((nr, i) => validateNonResourceRule(nr, at(bad, `nonResourceRules[${i}]`)))
}

const validateSubject = (s: Subject, bad: Report): void => {
  const fields = { User: 'user', Group: 'group', ServiceAccount: 'serviceAccount' } as const
  const own = fields[s.kind]
  for (const [kind, field] of Object.entries(fields))
    if (field !== own && s[field] !== undefined) bad(field, `${field} is forbidden when subject kind is not '${kind}'`)
  const subject = s[own]
  if (subject === undefined) return bad(own, `${own} is required when subject kind is '${s.kind}'`)
  if (subject.name === '') bad(`${own}.name`, 'required value')
  if (s.kind === 'ServiceAccount' && s.serviceAccount !== undefined) {
    if (s.serviceAccount.namespace === '') bad('serviceAccount.namespace', 'must specify namespace for service account')
    else if (!dns1123Label.test(s.serviceAccount.namespace))
      bad(
        'serviceAccount.namespace',
        `${nsMessage.slice(nsMessage.indexOf('a lowercase'))}, got ${JSON.stringify(s.serviceAccount.namespace)}`,
      )
  }
}

const validateResourceRule = (r: ResourcePolicyRule, bad: Report): void => {
  validateVerbs(r.verbs, bad)
  wildcardList(r.apiGroups, 'apiGroups', 'resource rules must supply at least one api group', 'api groups', bad)
  wildcardList(r.resources, 'resources', 'resource rules must supply at least one resource', 'resources', bad)
  const namespaces = r.namespaces ?? []
  if (namespaces.length === 0 && r.clusterScope !== true)
    bad('namespaces', 'resource rules that are not cluster scoped must supply at least one namespace')
  else if (namespaces.includes('*')) {
    if (namespaces.length > 1) bad('namespaces', "if '*' is present, must not specify other namespaces")
  } else
    namespaces.forEach((ns, i) => {
      if (!dns1123Label.test(ns)) bad(`namespaces[${i}]`, `${nsMessage}, got ${JSON.stringify(ns)}`)
    })
}

const validateNonResourceRule = (r: NonResourcePolicyRule, bad: Report): void => {
  validateVerbs(r.verbs, bad)
  if (r.nonResourceURLs.length === 0) return bad('nonResourceURLs', 'nonResourceURLs must contain at least one value')
  if (r.nonResourceURLs.includes('*')) {
    if (r.nonResourceURLs.length > 1) bad('nonResourceURLs', "if '*' is present, must not specify other non-resource URLs")
    return
  }
  r.nonResourceURLs.forEach((url, i) => {
    const problem = urlProblem(url)
    if (problem !== undefined) bad(`nonResourceURLs[${i}]`, `${problem}, got ${JSON.stringify(url)}`)
  })
}

const validateVerbs = (verbs: ReadonlyArray<string>, bad: Report): void => {
  if (verbs.length === 0) bad('verbs', 'verbs must contain at least one value')
  else if (verbs.includes('*')) {
    if (verbs.length > 1) bad('verbs', "if '*' is present, must not specify other verbs")
  } else {
    const unsupported = verbs.filter((v) => !supportedVerbs.includes(v))
    if (unsupported.length > 0)
      bad('verbs', `supported values: ${supportedVerbs.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(unsupported)}`)
  }
}

const wildcardList = (xs: ReadonlyArray<string>, field: string, required: string, what: string, bad: Report): void => {
  if (xs.length === 0) bad(field, required)
  else if (xs.length > 1 && xs.includes('*')) bad(field, `if '*' is present, must not specify other ${what}`)
}

/** Upstream's `ValidateNonResourceURLPath`: a leading slash, no spaces or `//`, `*` only as a `/*` suffix. */
const urlProblem = (path: string): string | undefined => {
  if (path === '') return 'must not be empty'
  if (path === '/') return undefined
  if (!path.startsWith('/')) return 'must start with slash'
  if (path.includes(' ')) return 'must not contain white-space'
  if (path.includes('//')) return 'must not contain double slash'
  const stars = path.split('*').length - 1
  return stars > 1 || (stars === 1 && !path.endsWith('/*')) ? 'wildcard can only do suffix matching' : undefined
}

/** Upstream's path-segment name rule for both kinds. */
const validateName = (name: string, bad: (message: string) => void): void => {
  if (name === '') bad('name or generateName is required')
  else if (name === '.' || name === '..') bad(`may not be '${name}'`)
  else if (name.includes('/') || name.includes('%')) bad(`may not contain '${name.includes('/') ? '/' : '%'}', got ${JSON.stringify(name)}`)
}

const nonNegative = (n: number | undefined, bad: Report): void => {
  if (n !== undefined && n < 0) bad('', `must be a non-negative integer, got ${n}`)
}

const percent = (n: number | undefined, bad: Report): void => {
  if (n !== undefined && (n < 0 || n > 100)) bad('', `must be between 0 and 100, inclusive, got ${n}`)
}

const at =
  (bad: Report, prefix: string): Report =>
  (path, message) =>
    bad(path === '' ? prefix : `${prefix}.${path}`, message)

const collect = (run: (bad: Report) => void): ReadonlyArray<Problem> => {
  const out: Problem[] = []
  run((path, message) => void out.push({ path, message }))
  return out
}
