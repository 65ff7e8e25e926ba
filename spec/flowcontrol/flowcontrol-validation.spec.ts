import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { defaultFlowSchema, defaultPriorityLevel } from '../../src/flowcontrol/flowcontrol-defaults.js'
import type { FlowSchema, PriorityLevelConfiguration } from '../../src/flowcontrol/flowcontrol-types.js'
import { validateFlowSchema, validatePriorityLevel } from '../../src/flowcontrol/flowcontrol-validation.js'
import { flowSchemaDoc, levelDoc } from './fixtures.js'

const fsProblems = (name: string, spec: Record<string, unknown>): ReadonlyArray<string> =>
  validateFlowSchema(defaultFlowSchema(flowSchemaDoc(name, spec) as unknown as FlowSchema)).map((p) => `${p.path}: ${p.message}`)
const plProblems = (doc: unknown): ReadonlyArray<string> =>
  validatePriorityLevel(defaultPriorityLevel(doc as PriorityLevelConfiguration)).map((p) => `${p.path}: ${p.message}`)
const rule = (r: Record<string, unknown>) => ({ rules: [{ subjects: [{ kind: 'Group', group: { name: 'g' } }], ...r }] })

const schemas = suite('validateFlowSchema')

schemas('accepts a valid schema', () => {
  assert.equal(fsProblems('a', {}), [])
})

schemas('bounds matchingPrecedence to 1..10000, and 1 to exempt', () => {
  assert.equal(fsProblems('a', { matchingPrecedence: -3 }), ['spec.matchingPrecedence: must be a positive value, got -3'])
  assert.equal(fsProblems('a', { matchingPrecedence: 10001 }), ['spec.matchingPrecedence: must not be greater than 10000, got 10001'])
  assert.equal(fsProblems('a', { matchingPrecedence: 1 }), [
    "spec.matchingPrecedence: only the schema named 'exempt' may have matchingPrecedence 1",
  ])
  assert.equal(fsProblems('a', { matchingPrecedence: 10000 }), [])
})

schemas('needs a priority level reference that is a path segment', () => {
  assert.equal(fsProblems('a', { priorityLevelConfiguration: { name: '' } }), [
    'spec.priorityLevelConfiguration.name: must reference a priority level',
  ])
  assert.equal(fsProblems('a', { priorityLevelConfiguration: { name: 'a/b' } }), [
    `spec.priorityLevelConfiguration.name: may not contain '/', got "a/b"`,
  ])
  assert.equal(fsProblems('..', {}), ["metadata.name: may not be '..'"])
})

schemas('checks subjects as upstream', () => {
  assert.equal(fsProblems('a', { rules: [{ subjects: [], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }] }), [
    'spec.rules[0].subjects: subjects must contain at least one value',
  ])
  const subjects = [
    { kind: 'User' },
    { kind: 'Group', group: { name: 'g' }, user: { name: 'u' } },
    { kind: 'ServiceAccount', serviceAccount: { namespace: '', name: '*' } },
    { kind: 'ServiceAccount', serviceAccount: { namespace: 'Bad_NS', name: 'x' } },
  ]
  assert.equal(fsProblems('a', { rules: [{ subjects, nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }] }), [
    "spec.rules[0].subjects[0].user: user is required when subject kind is 'User'",
    "spec.rules[0].subjects[1].user: user is forbidden when subject kind is not 'User'",
    'spec.rules[0].subjects[2].serviceAccount.namespace: must specify namespace for service account',
    `spec.rules[0].subjects[3].serviceAccount.namespace: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character, got "Bad_NS"`,
  ])
})

schemas('needs a resource or non-resource rule', () => {
  assert.equal(fsProblems('a', rule({})), ['spec.rules[0]: at least one of resourceRules and nonResourceRules has to be non-empty'])
})

schemas('checks resource rules as upstream', () => {
  assert.equal(fsProblems('a', rule({ resourceRules: [{ verbs: [], apiGroups: [], resources: ['*', 'pods'] }] })), [
    'spec.rules[0].resourceRules[0].verbs: verbs must contain at least one value',
    'spec.rules[0].resourceRules[0].apiGroups: resource rules must supply at least one api group',
    "spec.rules[0].resourceRules[0].resources: if '*' is present, must not specify other resources",
    'spec.rules[0].resourceRules[0].namespaces: resource rules that are not cluster scoped must supply at least one namespace',
  ])
  assert.equal(
    fsProblems('a', rule({ resourceRules: [{ verbs: ['get', 'frob'], apiGroups: [''], resources: ['pods'], namespaces: ['*', 'a'] }] })),
    [
      'spec.rules[0].resourceRules[0].verbs: supported values: "create", "delete", "deletecollection", "get", "list", "patch", "proxy", "update", "watch", got ["frob"]',
      "spec.rules[0].resourceRules[0].namespaces: if '*' is present, must not specify other namespaces",
    ],
  )
  assert.equal(fsProblems('a', rule({ resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true }] })), [])
})

schemas('checks non-resource URLs as upstream', () => {
  const urls = (nonResourceURLs: ReadonlyArray<string>) =>
    fsProblems('a', rule({ nonResourceRules: [{ verbs: ['get'], nonResourceURLs }] }))
  assert.equal(urls(['/healthz', '/metrics/*', '/']), [])
  assert.equal(urls(['*', '/x']), [
    "spec.rules[0].nonResourceRules[0].nonResourceURLs: if '*' is present, must not specify other non-resource URLs",
  ])
  assert.equal(urls(['x', '/a b', '//a', '/a*', '']), [
    'spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: must start with slash, got "x"',
    'spec.rules[0].nonResourceRules[0].nonResourceURLs[1]: must not contain white-space, got "/a b"',
    'spec.rules[0].nonResourceRules[0].nonResourceURLs[2]: must not contain double slash, got "//a"',
    'spec.rules[0].nonResourceRules[0].nonResourceURLs[3]: wildcard can only do suffix matching, got "/a*"',
    'spec.rules[0].nonResourceRules[0].nonResourceURLs[4]: must not be empty, got ""',
  ])
  assert.equal(urls([]), ['spec.rules[0].nonResourceRules[0].nonResourceURLs: nonResourceURLs must contain at least one value'])
})

schemas.run()

const levels = suite('validatePriorityLevel')

levels('accepts a defaulted queuing level', () => {
  assert.equal(plProblems(levelDoc('p')), [])
})

levels('ties the Exempt type to the name exempt', () => {
  assert.equal(plProblems({ ...levelDoc('p'), spec: { type: 'Exempt' } }), [
    `spec.type: type must be 'Exempt' if and only if name is 'exempt', got "Exempt"`,
  ])
  assert.equal(plProblems(levelDoc('exempt')), [`spec.type: type must be 'Exempt' if and only if name is 'exempt', got "Limited"`])
})

levels('checks the limited section', () => {
  assert.equal(plProblems({ ...levelDoc('p'), spec: { type: 'Limited' } }), ['spec.limited: must not be empty when type is Limited'])
  assert.equal(plProblems(levelDoc('p', { nominalConcurrencyShares: -1, lendablePercent: 101, borrowingLimitPercent: -2 })), [
    'spec.limited.nominalConcurrencyShares: must be a non-negative integer, got -1',
    'spec.limited.lendablePercent: must be between 0 and 100, inclusive, got 101',
    'spec.limited.borrowingLimitPercent: if specified, must be a non-negative integer, got -2',
  ])
  assert.equal(plProblems({ ...levelDoc('p'), spec: { type: 'Limited', limited: { limitResponse: { type: 'Reject', queuing: {} } } } }), [
    'spec.limited.limitResponse.queuing: must be nil if limited.limitResponse.type is not Limited',
  ])
  assert.equal(plProblems({ ...levelDoc('p'), spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue' } } } }), [
    'spec.limited.limitResponse.queuing: must not be empty if limited.limitResponse.type is Limited',
  ])
})

levels('checks shuffle sharding as upstream', () => {
  const q = (queuing: Record<string, number>) => plProblems(levelDoc('p', { limitResponse: { type: 'Queue', queuing } }))
  assert.equal(q({ queues: 4, handSize: 5 }), ['spec.limited.limitResponse.queuing.handSize: should not be greater than queues (4), got 5'])
  assert.equal(q({ queues: 10_000_001, handSize: 1 }), [
    'spec.limited.limitResponse.queuing.queues: must not be greater than 10000000, got 10000001',
  ])
  assert.equal(q({ queues: 1024, handSize: 7 }), [
    'spec.limited.limitResponse.queuing.handSize: required entropy bits of deckSize 1024 and handSize 7 should not be greater than 60',
  ])
  assert.equal(q({ queues: 1024, handSize: 6 }), [])
  assert.equal(q({ queues: -1, handSize: -1, queueLengthLimit: -1 }), [
    'spec.limited.limitResponse.queuing.queueLengthLimit: must be positive, got -1',
    'spec.limited.limitResponse.queuing.queues: must be positive, got -1',
    'spec.limited.limitResponse.queuing.handSize: must be positive, got -1',
  ])
})

levels.run()
