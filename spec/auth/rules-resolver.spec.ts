import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import {
  type RulesResolver,
  type SubjectRules,
  aggregateErrors,
  alwaysAllowRules,
  alwaysDenyRules,
  unionRulesResolver,
  unlistedRules,
} from '../../src/auth/rules-resolver.js'
import type { UserInfo } from '../../src/auth/user.js'

const bob: UserInfo = { name: 'bob', uid: '', groups: ['system:authenticated'], extra: {} }

const fixed =
  (rules: Partial<SubjectRules>): RulesResolver =>
  () => ({ resourceRules: [], nonResourceRules: [], incomplete: false, evaluationError: '', ...rules })

const always = suite('always rules')

always('AlwaysAllow lists every verb on every resource and URL, complete', () => {
  assert.equal(alwaysAllowRules(bob, 'default'), {
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
    evaluationError: '',
  })
})

always('AlwaysDeny lists nothing and is complete; an unlisted mode lists nothing and is incomplete', () => {
  assert.equal(alwaysDenyRules(bob, 'default'), { resourceRules: [], nonResourceRules: [], incomplete: false, evaluationError: '' })
  assert.equal(unlistedRules(bob, 'default'), { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: '' })
})

const union = suite('unionRulesResolver')

union('concatenates rules in order and passes the user and namespace to each', () => {
  const asked: string[] = []
  const spy =
    (verb: string): RulesResolver =>
    (user, ns) => (
      asked.push(`${verb} ${user.name} ${ns}`),
      {
        resourceRules: [{ verbs: [verb] }],
        nonResourceRules: [{ verbs: [verb], nonResourceURLs: ['/x'] }],
        incomplete: false,
        evaluationError: '',
      }
    )
  const r = unionRulesResolver([spy('get'), spy('list')])(bob, 'ns1')
  assert.equal(r.resourceRules, [{ verbs: ['get'] }, { verbs: ['list'] }])
  assert.equal(r.nonResourceRules, [
    { verbs: ['get'], nonResourceURLs: ['/x'] },
    { verbs: ['list'], nonResourceURLs: ['/x'] },
  ])
  assert.equal(asked, ['get bob ns1', 'list bob ns1'])
})

union('is incomplete when any part is, and aggregates their evaluation errors', () => {
  const r = unionRulesResolver([alwaysDenyRules, fixed({ evaluationError: 'a' }), unlistedRules, fixed({ evaluationError: 'b' })])(
    bob,
    'ns1',
  )
  assert.is(r.incomplete, true)
  assert.is(r.evaluationError, '[a, b]')
  assert.is(unionRulesResolver([alwaysDenyRules, alwaysAllowRules])(bob, 'ns1').incomplete, false)
})

union('of nothing is empty and complete', () => {
  assert.equal(unionRulesResolver([])(bob, 'x'), { resourceRules: [], nonResourceRules: [], incomplete: false, evaluationError: '' })
})

const aggregate = suite('aggregateErrors')

aggregate('one message is itself; repeats count once; several distinct are bracketed; empty ones are left out', () => {
  assert.is(aggregateErrors([]), '')
  assert.is(aggregateErrors(['', '']), '')
  assert.is(aggregateErrors(['x']), 'x')
  assert.is(aggregateErrors(['x', '', 'x']), 'x')
  assert.is(aggregateErrors(['x', 'y', 'x']), '[x, y]')
})

aggregate('brackets exactly when there are two or more distinct non-empty messages', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('', 'a', 'b', 'c')), (ms) => {
      const distinct = new Set(ms.filter((m) => m !== '')).size
      const out = aggregateErrors(ms)
      return distinct >= 2 ? out.startsWith('[') && out.endsWith(']') : !out.startsWith('[')
    }),
  )
})

always.run()
union.run()
aggregate.run()
