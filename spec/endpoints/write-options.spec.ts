import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeStatus } from '../../src/core/status.js'
import { writeOptions } from '../../src/endpoints/write-options.js'
import { makeRequest } from '../support/request.js'

const test = suite('writeOptions')
const options = (q: string, kind: Parameters<typeof writeOptions>[1] = 'CreateOptions') =>
  writeOptions(makeRequest(`/api/v1/namespaces/d/configmaps?${q}`), kind)
const message = (q: string, kind?: Parameters<typeof writeOptions>[1]): string => {
  const r = options(q, kind)
  if (E.isRight(r) || r.left._tag !== 'Status') throw new Error('expected a Status')
  return `${r.left.status.code} ${r.left.status.message}`
}

test('defaults: no dry run, Warn, no manager, no force', () => {
  assert.equal(options(''), E.right({ dryRun: false, fieldValidation: 'Warn', fieldManager: '', manager: '', force: false }))
})

test('reads dryRun=All, fieldValidation, fieldManager and force', () => {
  assert.equal(
    options('dryRun=All&fieldValidation=Strict&fieldManager=kubectl-create&force=true'),
    E.right({ dryRun: true, fieldValidation: 'Strict', fieldManager: 'kubectl-create', manager: 'kubectl-create', force: true }),
  )
})

test('any other dryRun is 422 on CreateOptions, as upstream validates it', () => {
  assert.is(
    message('dryRun=foo'),
    `422 CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"foo"}: supported values: "All"`,
  )
  assert.is(
    message('dryRun=All&dryRun=x', 'PatchOptions'),
    `422 PatchOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"All", "x"}: supported values: "All"`,
  )
})

test('an unknown fieldValidation is 422 listing the supported values; every problem is reported at once', () => {
  assert.is(
    message('fieldValidation=strict'),
    `422 CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"`,
  )
  assert.match(message('fieldValidation=x&dryRun=y'), /is invalid: \[dryRun: .*, fieldValidation: .*\]$/)
})

test('a fieldManager over 128 bytes or with an unprintable character is 422', () => {
  assert.is(
    message(`fieldManager=${'m'.repeat(129)}`, 'UpdateOptions'),
    '422 UpdateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: must have at most 128 bytes',
  )
  assert.is(
    message('fieldManager=a%07b'),
    '422 CreateOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\u0007b": invalid character U+0007 (at position 1)',
  )
})

test('the manager defaults to the User-Agent product, as upstream', () => {
  const r = writeOptions(makeRequest('/x', { headers: { 'user-agent': 'kubectl/v1.32.4 (linux/amd64)' } }), 'UpdateOptions')
  assert.equal(E.map((o: { manager: string }) => o.manager)(r), E.right('kubectl'))
})

test('delete options ignore fieldValidation and fieldManager', () => {
  assert.ok(E.isRight(options('fieldValidation=x&fieldManager=%07', 'DeleteOptions')))
})

test('the 422 is a Status with its causes', () => {
  const r = options('dryRun=foo')
  assert.ok(E.isLeft(r) && r.left._tag === 'Status')
  if (E.isLeft(r) && r.left._tag === 'Status')
    assert.match(
      encodeStatus(r.left.status),
      /"causes":\[\{"reason":"FieldValueNotSupported","message":"Unsupported value: \[\]string\{\\"foo\\"\}: supported values: \\"All\\"","field":"dryRun"\}\]/,
    )
})

test.run()
