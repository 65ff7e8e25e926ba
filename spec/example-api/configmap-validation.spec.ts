import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ConfigMap } from '../../src/example-api/configmap-codec.js'
import { validateConfigMap, validateConfigMapUpdate } from '../../src/example-api/configmap-validation.js'
import { fieldErrorText } from '../../src/endpoints/field-error.js'

const make = (over: Partial<ConfigMap> = {}): ConfigMap => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name: 'a', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
  ...over,
})
const texts = (cm: ConfigMap) => validateConfigMap(cm).map(fieldErrorText)

const validate = suite('validateConfigMap')

validate('accepts a valid ConfigMap', () => {
  assert.equal(texts(make({ data: { 'key.name': 'v', KEY_NAME: 'w' }, binaryData: { bin: 'aGk=' } })), [])
})

validate('rejects bad data keys with upstream messages', () => {
  assert.equal(texts(make({ data: { '..x': '' } })), ['data[..x]: Invalid value: "..x": must not start with \'..\''])
  assert.ok(texts(make({ data: { 'a b': '' } }))[0]?.startsWith('data[a b]: Invalid value: "a b": a valid config key must consist of'))
})

validate('rejects a key in both data and binaryData, and bad base64', () => {
  assert.equal(texts(make({ data: { k: '' }, binaryData: { k: '!!' } })), [
    'binaryData[k]: Invalid value: "k": duplicate of key present in data',
    'binaryData[k]: Invalid value: "!!": must be base64 encoded',
  ])
})

validate('rejects more than 1 MiB in total', () => {
  assert.equal(texts(make({ data: { a: 'x'.repeat(512 * 1024), b: 'y'.repeat(512 * 1024) } })), [
    ': Too long: must have at most 1048576 bytes',
  ])
  assert.equal(texts(make({ data: { a: 'x'.repeat(1024 * 1024 - 1) } })), [])
})

validate('rejects bad label values', () => {
  assert.ok(
    texts(make({ metadata: { ...make().metadata, labels: { app: '-bad' } } }))[0]?.startsWith(
      'metadata.labels: Invalid value: "-bad": a valid label',
    ),
  )
})

validate.run()

const update = suite('validateConfigMapUpdate')

update('lets a mutable ConfigMap change', () => {
  assert.equal(validateConfigMapUpdate(make({ data: { a: '2' } }), make({ data: { a: '1' } })), [])
})

update('forbids changing data or immutable of an immutable ConfigMap', () => {
  const old = make({ immutable: true, data: { a: '1' } })
  assert.equal(validateConfigMapUpdate(make({ immutable: true, data: { a: '1' } }), old), [])
  assert.equal(validateConfigMapUpdate(make({ data: { a: '2' } }), old).map(fieldErrorText), [
    'immutable: Forbidden: field is immutable when `immutable` is set',
    'data: Forbidden: field is immutable when `immutable` is set',
  ])
})

update.run()
