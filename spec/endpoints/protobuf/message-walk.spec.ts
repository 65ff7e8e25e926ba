import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import protobuf from 'protobufjs/light.js'
import { decodeMessage } from '../../../src/endpoints/protobuf/message-walk.js'
import { protoType } from '../../../src/endpoints/protobuf/proto-root.js'
import { encode, hex } from './fixtures.js'

const configMap = protoType('core.ConfigMap')
const decodeConfigMap = (bytes: Uint8Array) => decodeMessage(configMap, bytes)
const errorOf = (bytes: Uint8Array): string =>
  E.match(
    (e: string) => e,
    () => 'no error',
  )(decodeConfigMap(bytes))
const cat = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => new Uint8Array(Buffer.concat(parts))

const walk = suite('decodeMessage')

walk('a full ObjectMeta in JSON shape and in Go field order: times as RFC 3339, fieldsV1 as its JSON', () => {
  const metadata = {
    managedFields: [
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'v1',
        time: { seconds: 0 },
        fieldsType: 'FieldsV1',
        fieldsV1: { Raw: Buffer.from('{"f:data":{".":{}}}') },
        subresource: '',
      },
    ],
    name: 'web',
    generateName: 'web-',
    namespace: 'ns',
    selfLink: '',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: { seconds: 1704164645, nanos: 999 },
    deletionTimestamp: { seconds: 1704164700, nanos: 0 },
    deletionGracePeriodSeconds: 30,
    labels: { app: 'web' },
    annotations: { note: '' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u-2', controller: true, blockOwnerDeletion: false }],
    finalizers: ['a/b'],
  }
  const r = decodeConfigMap(encode('core.ConfigMap', { metadata }))
  const expected = {
    name: 'web',
    generateName: 'web-',
    namespace: 'ns',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2024-01-02T03:04:05Z',
    deletionTimestamp: '2024-01-02T03:05:00Z',
    deletionGracePeriodSeconds: 30,
    labels: { app: 'web' },
    annotations: { note: '' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u-2', controller: true, blockOwnerDeletion: false }],
    finalizers: ['a/b'],
    managedFields: [
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'v1',
        time: '1970-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {} } },
      },
    ],
  }
  assert.equal(r, E.right({ metadata: expected }))
  assert.equal(Object.keys(E.isRight(r) ? (r.right['metadata'] as object) : {}), Object.keys(expected))
})

walk('zero values of non-pointer fields are unset: an all-empty metadata (kubectl sends one) is left out', () => {
  const metadata = {
    name: '',
    generateName: '',
    namespace: '',
    selfLink: '',
    uid: '',
    resourceVersion: '',
    generation: 0,
    creationTimestamp: {},
  }
  assert.equal(decodeConfigMap(encode('core.ConfigMap', { metadata, data: { k: '' } })), E.right({ data: { k: '' } }))
})

walk('a Go pointer field keeps the zero value it was sent with; an unsent one stays out', () => {
  assert.equal(decodeConfigMap(encode('core.ConfigMap', { immutable: false })), E.right({ immutable: false }))
  assert.equal(decodeConfigMap(encode('core.ConfigMap', {})), E.right({}))
})

walk("Go's zero time is null in JSON and left out; times a Date cannot hold fail", () => {
  assert.equal(decodeConfigMap(encode('core.ConfigMap', { metadata: { creationTimestamp: { seconds: -62135596800 } } })), E.right({}))
  assert.equal(
    errorOf(encode('core.ConfigMap', { metadata: { creationTimestamp: { seconds: 1e13 } } })),
    'proto: Timestamp: seconds 10000000000000 out of range',
  )
})

walk('a MicroTime keeps microseconds', () => {
  const local = protobuf.Root.fromJSON({
    nested: {
      meta: {
        nested: {
          MicroTime: { edition: 'proto2', fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
          Holder: { edition: 'proto2', fields: { at: { type: 'MicroTime', id: 1 } } },
        },
      },
    },
  }).resolveAll()
  const holder = local.lookupType('meta.Holder')
  assert.equal(
    decodeMessage(holder, holder.encode({ at: { seconds: 1704164645, nanos: 123456789 } }).finish()),
    E.right({ at: '2024-01-02T03:04:05.123456Z' }),
  )
})

walk('int64 values become numbers as JSON.parse reads them, negative ones too', () => {
  assert.equal(decodeConfigMap(hex('0a0b38ffffffffffffffffff01')), E.right({ metadata: { generation: -1 } }))
  assert.equal(decodeConfigMap(hex('0a0a38ffffffffffffffff7f')), E.right({ metadata: { generation: Number('9223372036854775807') } }))
})

walk('map values: bytes as base64, ExtraValue as a list, a __proto__ key as data', () => {
  const r = decodeConfigMap(
    encode('core.ConfigMap', { data: { ['__proto__']: 'p' }, binaryData: { b: Uint8Array.of(0, 1, 255), e: new Uint8Array() } }),
  )
  assert.equal(E.isRight(r) ? JSON.stringify(r.right) : r.left, '{"data":{"__proto__":"p"},"binaryData":{"b":"AAH/","e":""}}')
  const review = protoType('authentication.SelfSubjectReview')
  const status = { userInfo: { username: 'jane', uid: '', groups: ['g1'], extra: { scopes: { items: ['a', 'b'] }, none: {} } } }
  assert.equal(
    decodeMessage(review, review.encode({ status }).finish()),
    E.right({ status: { userInfo: { username: 'jane', groups: ['g1'], extra: { scopes: ['a', 'b'], none: [] } } } }),
  )
})

walk('map entries are read as gogo reads them: other fields skipped, a missing key or value empty, wire types not checked', () => {
  assert.equal(decodeConfigMap(hex('12080a016b1201761801')), E.right({ data: { k: 'v' } }))
  assert.equal(decodeConfigMap(hex('12030a016b')), E.right({ data: { k: '' } }))
  assert.equal(decodeConfigMap(hex('1203120176')), E.right({ data: { '': 'v' } }))
  assert.equal(decodeConfigMap(hex('12030d016b')), E.right({ data: { k: '' } }))
})

walk("repeated occurrences merge as Go's Unmarshal does: messages merge, lists append, the last scalar wins, a later zero unsets", () => {
  const first = encode('core.ConfigMap', { metadata: { name: 'a', labels: { x: '1' }, finalizers: ['f1'] }, data: { k: '1' } })
  const second = encode('core.ConfigMap', { metadata: { namespace: 'ns', labels: { y: '2' }, finalizers: ['f2'] }, data: { k: '2' } })
  assert.equal(
    decodeConfigMap(cat(first, second)),
    E.right({ metadata: { name: 'a', namespace: 'ns', labels: { x: '1', y: '2' }, finalizers: ['f1', 'f2'] }, data: { k: '2' } }),
  )
  assert.equal(
    decodeConfigMap(cat(first, encode('core.ConfigMap', { metadata: { name: '' } }))),
    E.right({ metadata: { labels: { x: '1' }, finalizers: ['f1'] }, data: { k: '1' } }),
  )
})

walk('unknown fields of every wire type are skipped, as gogo skips them', () => {
  const known = encode('core.ConfigMap', { metadata: { name: 'a' }, data: { k: 'v' } })
  const unknown = hex(`980601${'a2060268 69'.replace(' ', '')}a9060102030405060708b50601020304bb060805bc06`)
  assert.equal(decodeConfigMap(cat(unknown, known, unknown)), E.right({ metadata: { name: 'a' }, data: { k: 'v' } }))
})

walk("malformed bytes fail with gogo's texts", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['0c', 'proto: ConfigMap: wiretype end group for non-group'],
    ['bc06', 'proto: ConfigMap: wiretype end group for non-group'],
    ['00', 'proto: ConfigMap: illegal tag 0 (wire type 0)'],
    ['07', 'proto: ConfigMap: illegal tag 0 (wire type 7)'],
    ['8080808040', 'proto: ConfigMap: illegal tag -2147483648 (wire type 17179869184)'],
    ['0801', 'proto: wrong wireType = 0 for field ObjectMeta'],
    ['0a020801', 'proto: wrong wireType = 0 for field Name'],
    ['2201', 'proto: wrong wireType = 2 for field Immutable'],
    ['0a', 'unexpected EOF'],
    ['0a050a', 'unexpected EOF'],
    ['0a0a', 'unexpected EOF'],
    ['0a80808080808080808001', 'proto: negative length found during unmarshaling'],
    ['0affffffffffffffffffff01', 'proto: integer overflow'],
    ['fe07', 'proto: illegal wireType 6'],
    ['bb06', 'unexpected EOF'],
    ['a9060102', 'unexpected EOF'],
    ['0a0342010c', 'proto: Timestamp: wiretype end group for non-group'],
    ['0a044201080a', 'unexpected EOF'],
    ['0a088a01053a030a0178', 'proto: FieldsV1: Raw is not JSON'],
  ]
  for (const [bytes, message] of cases) assert.is(errorOf(hex(bytes)), message, bytes)
})

walk('a ConfigMap encoded by protobufjs decodes to its JSON, empty values left out', () => {
  const entries = fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 })
  fc.assert(
    fc.property(fc.string({ maxLength: 8 }), entries, fc.option(fc.boolean(), { nil: undefined }), (name, data, immutable) => {
      const cm = { metadata: { name, namespace: '' }, data, ...(immutable === undefined ? {} : { immutable }) }
      const expected = {
        ...(name === '' ? {} : { metadata: { name } }),
        ...(immutable === undefined ? {} : { immutable }),
        ...(Object.keys(data).length === 0 ? {} : { data }),
      }
      const r = decodeConfigMap(encode('core.ConfigMap', cm))
      return E.isRight(r) && JSON.stringify(r.right) === JSON.stringify(expected)
    }),
  )
})

walk('any bytes decode to an object or fail with a message, for every served message, never a throw', () => {
  const types = [
    'core.ConfigMap',
    'core.ConfigMapList',
    'meta.DeleteOptions',
    'authentication.SelfSubjectReview',
    'authorization.SelfSubjectAccessReview',
    'authorization.SelfSubjectRulesReview',
  ].map(protoType)
  fc.assert(
    fc.property(fc.constantFrom(...types), fc.uint8Array({ maxLength: 80 }), (type, bytes) => {
      const r = decodeMessage(type, bytes)
      return E.isRight(r) ? typeof r.right === 'object' : r.left.length > 0 && !r.left.startsWith('proto: proto')
    }),
  )
})

walk('fieldsV1 JSON nested past 1000 levels is refused, so no decoded object is too deep to encode again', () => {
  const fieldsV1 = (depth: number) => ({ Raw: Buffer.from(`${'{"f:a":'.repeat(depth)}{}${'}'.repeat(depth)}`) })
  const entry = (depth: number) =>
    encode('core.ConfigMap', {
      metadata: { managedFields: [{ manager: 'm', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: fieldsV1(depth) }] },
    })
  assert.is(errorOf(entry(100_000)), 'proto: FieldsV1: Raw exceeded max depth of 1000')
  assert.is(errorOf(entry(998)), 'no error')
})

walk.run()
