import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { decodeProtobuf, protobufPrefix } from '../../../src/endpoints/protobuf/decode-protobuf.js'
import { deleteOptionsKinds, notRegistered, servedKinds } from '../../../src/endpoints/protobuf/protobuf-kinds.js'
import { body, encode, envelope, hex, kubectlCreateConfigMap } from './fixtures.js'

const configMap = { group: '', version: 'v1', kind: 'ConfigMap' }
const errorOf = (r: ReturnType<typeof decodeProtobuf>): readonly [string, unknown] =>
  E.isLeft(r) ? [r.left.message, r.left.gvk] : ['no error', undefined]

const decode = suite('decodeProtobuf')

decode('the prefix is k8s and the encoding byte 0', () => {
  assert.equal([...protobufPrefix], [0x6b, 0x38, 0x73, 0])
})

decode('the envelope names the kind; without defaults its object keeps what it says', () => {
  assert.equal(
    decodeProtobuf(hex(kubectlCreateConfigMap), undefined, servedKinds),
    E.right({ gvk: configMap, object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' }, data: { a: 'b', c: '' } } }),
  )
})

decode('envelope failures carry no kind', () => {
  assert.equal(errorOf(decodeProtobuf(new Uint8Array(), configMap, servedKinds)), ['empty data', undefined])
  assert.equal(errorOf(decodeProtobuf(hex('6b387301'), configMap, servedKinds)), [
    'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    undefined,
  ])
  assert.equal(errorOf(decodeProtobuf(hex('6b387300'), configMap, servedKinds)), ['empty body', undefined])
  assert.equal(errorOf(decodeProtobuf(hex('6b3873000a'), configMap, servedKinds)), ['unexpected EOF', undefined])
  assert.equal(errorOf(decodeProtobuf(hex('6b3873000a020801'), configMap, servedKinds)), [
    'proto: wrong wireType = 0 for field APIVersion',
    undefined,
  ])
})

decode("without defaults a missing kind or version is runtime's missing-kind error, naming the TypeMeta as Go prints it", () => {
  const raw = encode('core.ConfigMap', {})
  assert.equal(errorOf(decodeProtobuf(envelope('v1', '', raw), undefined, servedKinds)), [
    'Object \'Kind\' is missing in \'runtime.TypeMeta{APIVersion:"v1", Kind:""}\'',
    { group: '', version: 'v1', kind: '' },
  ])
  assert.equal(errorOf(decodeProtobuf(envelope('', 'ConfigMap', raw), undefined, servedKinds)), [
    'Object \'apiVersion\' is missing in \'runtime.TypeMeta{APIVersion:"", Kind:"ConfigMap"}\'',
    { group: '', version: '', kind: 'ConfigMap' },
  ])
})

decode("an apiVersion with two slashes does not parse and takes the defaults' group and version", () => {
  const r = decodeProtobuf(envelope('a/b/c', 'ConfigMap', encode('core.ConfigMap', {})), configMap, servedKinds)
  assert.equal(r, E.right({ gvk: configMap, object: { kind: 'ConfigMap', apiVersion: 'v1' } }))
  const groupOnly = decodeProtobuf(envelope('apps/', 'ConfigMap', encode('core.ConfigMap', {})), configMap, servedKinds)
  assert.equal(groupOnly, E.right({ gvk: configMap, object: { kind: 'ConfigMap', apiVersion: 'v1' } }))
})

decode('object failures carry the kind worked out', () => {
  const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' }
  assert.equal(errorOf(decodeProtobuf(envelope('apps/v1', 'Deployment', new Uint8Array()), configMap, servedKinds)), [
    'no kind "Deployment" is registered for version "apps/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"',
    gvk,
  ])
  assert.equal(errorOf(decodeProtobuf(envelope('v1', 'ConfigMap', hex('0c')), undefined, servedKinds)), [
    'proto: ConfigMap: wiretype end group for non-group',
    configMap,
  ])
})

decode('any bytes give a decoded object or an error, never a throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (b, prefixed) => {
      const r = decodeProtobuf(prefixed ? Buffer.concat([protobufPrefix, b]) : b, undefined, servedKinds)
      return E.isRight(r) ? typeof r.right.object['kind'] === 'string' : r.left.message.length > 0
    }),
  )
})

const kinds = suite('servedKinds and deleteOptionsKinds')

kinds('served kinds by group, version and kind; DeleteOptions in each served group version', () => {
  assert.ok(E.isRight(servedKinds(configMap)))
  assert.ok(E.isRight(servedKinds({ group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview' })))
  assert.ok(E.isRight(servedKinds({ group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' })))
  assert.ok(E.isLeft(servedKinds({ group: 'apps', version: 'v1', kind: 'DeleteOptions' })))
  assert.ok(E.isLeft(servedKinds({ group: '', version: 'v1', kind: 'configmap' })))
})

kinds('delete options in any group version, nothing else', () => {
  assert.ok(E.isRight(deleteOptionsKinds({ group: 'x', version: 'v9', kind: 'DeleteOptions' })))
  assert.equal(
    deleteOptionsKinds(configMap),
    E.left(notRegistered('k8s.io/apimachinery/pkg/apis/meta/internalversion/scheme/register.go:27', configMap)),
  )
  const r = decodeProtobuf(body('batch/v1', 'DeleteOptions', 'meta.DeleteOptions', { dryRun: ['All'] }), undefined, deleteOptionsKinds)
  assert.equal(
    r,
    E.right({
      gvk: { group: 'batch', version: 'v1', kind: 'DeleteOptions' },
      object: { kind: 'DeleteOptions', apiVersion: 'batch/v1', dryRun: ['All'] },
    }),
  )
})

kinds('not registered: a kind in a version, or a version without a kind', () => {
  assert.is(notRegistered('s', { group: 'g', version: 'v', kind: 'K' }), 'no kind "K" is registered for version "g/v" in scheme "s"')
  assert.is(notRegistered('s', { group: '', version: 'v1', kind: '' }), 'no version "v1" has been registered in scheme "s"')
})

decode.run()
kinds.run()
