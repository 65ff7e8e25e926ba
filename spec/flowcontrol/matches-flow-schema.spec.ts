import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { UserInfo } from '../../src/auth/user.js'
import { defaultFlowSchema } from '../../src/flowcontrol/flowcontrol-defaults.js'
import type { FlowSchema } from '../../src/flowcontrol/flowcontrol-types.js'
import { matchesFlowSchema } from '../../src/flowcontrol/matches-flow-schema.js'
import type { RequestInfo } from '../../src/request/request-info.js'
import { flowSchemaDoc, nonResourceInfo, resourceInfo, user } from './fixtures.js'

const sa = (ns: string, name: string) =>
  user(`system:serviceaccount:${ns}:${name}`, ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'])
const fs = (name: string, spec: Record<string, unknown>) => defaultFlowSchema(flowSchemaDoc(name, spec) as unknown as FlowSchema)

const matching = suite('matchesFlowSchema')
const schemaWith = (rule: Record<string, unknown>) => fs('s', { rules: [rule] })
const matches = (rule: Record<string, unknown>, u: UserInfo, info: RequestInfo) => matchesFlowSchema(schemaWith(rule), u, info)

matching('subjects: user names, groups, `*`, service accounts by name or any in a namespace', () => {
  const nr = { nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }
  const info = nonResourceInfo('/x')
  assert.ok(matches({ subjects: [{ kind: 'User', user: { name: 'alice' } }], ...nr }, user('alice'), info))
  assert.not.ok(matches({ subjects: [{ kind: 'User', user: { name: 'alice' } }], ...nr }, user('bob'), info))
  assert.ok(matches({ subjects: [{ kind: 'User', user: { name: '*' } }], ...nr }, user('bob'), info))
  assert.ok(matches({ subjects: [{ kind: 'Group', group: { name: '*' } }], ...nr }, user('bob', []), info))
  assert.not.ok(matches({ subjects: [{ kind: 'Group', group: { name: 'g' } }], ...nr }, user('bob'), info))
  const exact = { subjects: [{ kind: 'ServiceAccount', serviceAccount: { namespace: 'ns', name: 'app' } }], ...nr }
  assert.ok(matches(exact, sa('ns', 'app'), info))
  assert.not.ok(matches(exact, sa('ns', 'other'), info))
  const any = { subjects: [{ kind: 'ServiceAccount', serviceAccount: { namespace: 'ns', name: '*' } }], ...nr }
  assert.ok(matches(any, sa('ns', 'other'), info))
  assert.not.ok(matches(any, sa('ns2', 'app'), info))
  assert.not.ok(matches(any, user('system:serviceaccount:ns'), info))
})

matching('resource rules: verb, group, resource/subresource, namespace or cluster scope', () => {
  const subjects = [{ kind: 'User', user: { name: '*' } }]
  const rule = (r: Record<string, unknown>) => ({
    subjects,
    resourceRules: [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'], namespaces: ['a'], ...r }],
  })
  const info = resourceInfo({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'a' })
  assert.ok(matches(rule({}), user('x'), info))
  assert.not.ok(matches(rule({}), user('x'), { ...info, verb: 'list' }))
  assert.not.ok(matches(rule({}), user('x'), { ...info, apiGroup: '' }))
  assert.not.ok(matches(rule({}), user('x'), { ...info, subresource: '' }))
  assert.not.ok(matches(rule({}), user('x'), { ...info, namespace: 'b' }))
  assert.not.ok(matches(rule({}), user('x'), { ...info, namespace: '' }))
  assert.ok(matches(rule({ clusterScope: true }), user('x'), { ...info, namespace: '' }))
  assert.ok(matches(rule({ namespaces: ['*'] }), user('x'), { ...info, namespace: 'b' }))
  assert.not.ok(matches(rule({}), user('x'), nonResourceInfo('/apis')), 'a resource rule never matches a non-resource request')
})

matching('non-resource rules: `*`, and every path as itself or a prefix of `/`-separated paths below it (`/a` and `/a/*` alike)', () => {
  const subjects = [{ kind: 'User', user: { name: '*' } }]
  const urls = (nonResourceURLs: ReadonlyArray<string>) => ({ subjects, nonResourceRules: [{ verbs: ['get'], nonResourceURLs }] })
  assert.ok(matches(urls(['/metrics']), user('x'), nonResourceInfo('/metrics')))
  assert.not.ok(matches(urls(['/metrics']), user('x'), nonResourceInfo('/metricsx')))
  assert.ok(matches(urls(['/metrics']), user('x'), nonResourceInfo('/metrics/slis')))
  assert.ok(matches(urls(['/logs/*']), user('x'), nonResourceInfo('/logs/a/b')))
  assert.ok(matches(urls(['/logs/*']), user('x'), nonResourceInfo('/logs/')))
  assert.not.ok(matches(urls(['/logs/*']), user('x'), nonResourceInfo('/logs')))
  assert.ok(matches(urls(['*']), user('x'), nonResourceInfo('/anything')))
  assert.not.ok(matches(urls(['*']), user('x'), nonResourceInfo('/anything', 'post')))
  assert.not.ok(matches(urls(['*']), user('x'), resourceInfo()), 'a non-resource rule never matches a resource request')
})

matching.run()
