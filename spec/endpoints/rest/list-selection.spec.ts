import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import { compileSelection } from '../../../src/endpoints/rest/list-selection.js'

const cm = (namespace: string, name: string, labels?: Record<string, string>): JsonObject => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name, namespace, uid: '', resourceVersion: '1', creationTimestamp: '', ...(labels ? { labels } : {}) },
})
const sel = (l: string, f: string, name = '') => {
  const r = compileSelection(l, f, name)
  if (E.isLeft(r)) throw new Error('expected a selection')
  return r.right
}

const selection = suite('compileSelection')

selection('combines labels, fields and a pinned name', () => {
  assert.ok(sel('', '')(cm('a', 'b')))
  assert.ok(sel('app=x', 'metadata.namespace=a')(cm('a', 'b', { app: 'x' })))
  assert.not.ok(sel('app=x', 'metadata.namespace=a')(cm('z', 'b', { app: 'x' })))
  assert.not.ok(sel('', 'metadata.name!=b')(cm('a', 'b')))
  assert.not.ok(sel('', '', 'other')(cm('a', 'b')))
})

selection('unknown fields and bad selectors are 400', () => {
  const bad = (l: string, f: string) => {
    const r = compileSelection(l, f, '')
    return E.isLeft(r) && r.left._tag === 'Status' ? r.left.status.code : 0
  }
  assert.is(bad('', 'spec.x=1'), 400)
  assert.is(bad('a=(', ''), 400)
  assert.is(bad('', 'metadata.name=a=b'), 400)
})

selection.run()
