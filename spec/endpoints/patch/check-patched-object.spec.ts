import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkPatchedObject } from '../../../src/endpoints/patch/check-patched-object.js'
import { managerOrUserAgent } from '../../../src/endpoints/patch/manager-or-user-agent.js'
import { patchOptionErrors } from '../../../src/endpoints/patch/patch-errors.js'
import { statusLine } from './status-of.js'

const test = suite('checkPatchedObject')

test('takes the request namespace when the object has none', () => {
  assert.equal(checkPatchedObject({ metadata: { name: 'a' } }, 'a', 'd'), E.right({ metadata: { name: 'a', namespace: 'd' } }))
})

test('clears the namespace of a cluster-scoped object', () => {
  assert.equal(checkPatchedObject({ metadata: { name: 'a', namespace: 'x' } }, 'a', ''), E.right({ metadata: { name: 'a' } }))
})

test('another namespace or name is 400 with upstream messages', () => {
  assert.is(
    statusLine(checkPatchedObject({ metadata: { name: 'a', namespace: 'x' } }, 'a', 'd')),
    '400 BadRequest the namespace of the provided object does not match the namespace sent on the request',
  )
  assert.is(
    statusLine(checkPatchedObject({ metadata: { name: 'b' } }, 'a', 'd')),
    '400 BadRequest the name of the object (b) does not match the name on the URL (a)',
  )
  assert.is(statusLine(checkPatchedObject({}, 'a', 'd')), '400 BadRequest the name of the object () does not match the name on the URL (a)')
})

test('managerOrUserAgent: the fieldManager, else the User-Agent up to its first slash', () => {
  assert.is(managerOrUserAgent('mine', 'kubectl/v1.30.0 (linux/amd64)'), 'mine')
  assert.is(managerOrUserAgent('', 'kubectl/v1.30.0 (linux/amd64)'), 'kubectl')
  assert.is(managerOrUserAgent('', 'a\u0007b'), 'ab')
  assert.is(managerOrUserAgent('', 'x'.repeat(200)).length, 128)
})

test('patchOptionErrors: force only on apply, a manager required for apply', () => {
  assert.equal(
    patchOptionErrors('application/merge-patch+json', '', true).map((e) => `${e.field}: ${e.type}: ${e.detail}`),
    ['force: Forbidden: may not be specified for non-apply patch'],
  )
  assert.equal(
    patchOptionErrors('application/apply-patch+yaml', '', true).map((e) => `${e.field}: ${e.type}: ${e.detail}`),
    ['fieldManager: Required: is required for apply patch'],
  )
  assert.equal(patchOptionErrors('application/apply-patch+yaml', 'kubectl', true), [])
  assert.equal(patchOptionErrors('application/json-patch+json', '', false), [])
})

test.run()
