import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { AuthorizationAttributes } from '../../src/auth/authorizer.js'
import type { PolicyRule } from '../../src/auth/rbac-objects.js'
import {
  apiGroupMatches,
  combinedResource,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  verbMatches,
} from '../../src/auth/rule-matches.js'

const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: [], ...r })
const user = { name: 'bob', uid: '', groups: [], extra: {} }
const res = (over: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user,
  verb: 'get',
  isResourceRequest: true,
  path: '',
  namespace: 'ns',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'pods',
  subresource: '',
  name: '',
  ...over,
})
const nonRes = (verb: string, path: string): AuthorizationAttributes => res({ isResourceRequest: false, verb, path, resource: '' })

const verbs = suite('verbMatches')
verbs('matches a listed verb or *', () => {
  assert.ok(verbMatches(rule({ verbs: ['list', 'get'] }), 'get'))
  assert.ok(verbMatches(rule({ verbs: ['*'] }), 'impersonate'))
  assert.not.ok(verbMatches(rule({ verbs: ['list'] }), 'get'))
  assert.not.ok(verbMatches(rule({ verbs: [] }), 'get'))
})
verbs.run()

const groups = suite('apiGroupMatches')
groups('matches the core group "" only when listed, or *', () => {
  assert.ok(apiGroupMatches(rule({ apiGroups: [''] }), ''))
  assert.not.ok(apiGroupMatches(rule({ apiGroups: ['apps'] }), ''))
  assert.ok(apiGroupMatches(rule({ apiGroups: ['*'] }), 'apps'))
  assert.not.ok(apiGroupMatches(rule({}), 'apps'))
  assert.not.ok(apiGroupMatches(rule({ apiGroups: null }), ''))
})
groups.run()

const resources = suite('resourceMatches')
resources('matches *, the exact combined resource, and */subresource', () => {
  assert.ok(resourceMatches(rule({ resources: ['*'] }), 'pods/log', 'log'))
  assert.ok(resourceMatches(rule({ resources: ['pods'] }), 'pods', ''))
  assert.ok(resourceMatches(rule({ resources: ['pods/log'] }), 'pods/log', 'log'))
  assert.ok(resourceMatches(rule({ resources: ['*/log'] }), 'pods/log', 'log'))
})
resources('does not match a resource rule for its subresources, nor */sub for the resource itself', () => {
  assert.not.ok(resourceMatches(rule({ resources: ['pods'] }), 'pods/log', 'log'))
  assert.not.ok(resourceMatches(rule({ resources: ['*/log'] }), 'pods', ''))
  assert.not.ok(resourceMatches(rule({ resources: ['*/logs'] }), 'pods/log', 'log'))
  assert.not.ok(resourceMatches(rule({ resources: ['x/log'] }), 'pods/log', 'log'))
})
resources('treats pods/* literally, as upstream does', () => {
  assert.not.ok(resourceMatches(rule({ resources: ['pods/*'] }), 'pods/log', 'log'))
  assert.not.ok(resourceMatches(rule({ resources: ['pods/*'] }), 'pods', ''))
})
resources.run()

const names = suite('resourceNameMatches')
names('an empty list matches every name, else the name must be listed', () => {
  assert.ok(resourceNameMatches(rule({}), 'x'))
  assert.ok(resourceNameMatches(rule({ resourceNames: [] }), ''))
  assert.ok(resourceNameMatches(rule({ resourceNames: ['a', 'x'] }), 'x'))
  assert.not.ok(resourceNameMatches(rule({ resourceNames: ['a'] }), 'x'))
  assert.not.ok(resourceNameMatches(rule({ resourceNames: ['a'] }), ''))
})
names.run()

const urls = suite('nonResourceURLMatches')
urls('matches *, the exact path, and prefixes of rules ending in *', () => {
  assert.ok(nonResourceURLMatches(rule({ nonResourceURLs: ['*'] }), '/anything'))
  assert.ok(nonResourceURLMatches(rule({ nonResourceURLs: ['/healthz'] }), '/healthz'))
  assert.not.ok(nonResourceURLMatches(rule({ nonResourceURLs: ['/healthz'] }), '/healthz/'))
  assert.ok(nonResourceURLMatches(rule({ nonResourceURLs: ['/apis/*'] }), '/apis/'))
  assert.ok(nonResourceURLMatches(rule({ nonResourceURLs: ['/apis/*'] }), '/apis/apps/v1'))
  assert.not.ok(nonResourceURLMatches(rule({ nonResourceURLs: ['/apis/*'] }), '/apis'))
  assert.ok(nonResourceURLMatches(rule({ nonResourceURLs: ['/foo**'] }), '/foobar'))
  assert.not.ok(nonResourceURLMatches(rule({}), '/'))
})
urls.run()

const allows = suite('ruleAllows')
allows('checks verb, group, resource and name for resource requests', () => {
  const r = rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['p1'] })
  assert.ok(ruleAllows(res({ name: 'p1' }), 'pods', r))
  assert.not.ok(ruleAllows(res({ name: 'p2' }), 'pods', r))
  assert.not.ok(ruleAllows(res({ name: 'p1', verb: 'delete' }), 'pods', r))
  assert.not.ok(ruleAllows(res({ name: 'p1', apiGroup: 'apps' }), 'pods', r))
})
allows('ignores URLs for resource requests and resources for non-resource requests', () => {
  assert.not.ok(ruleAllows(res(), 'pods', rule({ verbs: ['*'], nonResourceURLs: ['*'] })))
  assert.not.ok(ruleAllows(nonRes('get', '/healthz'), '', rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })))
  assert.ok(ruleAllows(nonRes('get', '/healthz'), '', rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] })))
})
allows('combinedResource joins resource and subresource', () => {
  assert.is(combinedResource(res({ subresource: 'status' })), 'pods/status')
  assert.is(combinedResource(res()), 'pods')
})
allows.run()
