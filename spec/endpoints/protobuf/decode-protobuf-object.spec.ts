import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../../src/core/status.js'
import { decodeProtobufDeleteOptions, decodeProtobufObject } from '../../../src/endpoints/protobuf/decode-protobuf-object.js'
import {
  body,
  encode,
  envelope,
  hex,
  kubectlCanICreatePods,
  kubectlCanIGetHealthz,
  kubectlCanIList,
  kubectlCreateBinaryConfigMap,
  kubectlCreateConfigMap,
  kubectlWhoami,
} from './fixtures.js'

const configMap = { group: '', version: 'v1', kind: 'ConfigMap' }
const review = { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview' }
const accessReview = { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview' }
const rulesReview = { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview' }
const objectOf = (r: ReturnType<typeof decodeProtobufObject>): unknown => (E.isRight(r) ? r.right.object : r.left)
const failure = (r: E.Either<ApiError, unknown>): [number, string, string] =>
  E.isLeft(r) && r.left._tag === 'Status' ? [r.left.status.code, r.left.status.reason, r.left.status.message] : [0, '', 'no error']
const bad = (message: string): [number, string, string] => [400, 'BadRequest', message]
const scheme = 'k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30'

const object = suite('decodeProtobufObject')

object('kubectl 1.32 create configmap: the JSON kubectl would have sent, zero fields left out', () => {
  const r = decodeProtobufObject(hex(kubectlCreateConfigMap), configMap)
  assert.equal(
    r,
    E.right({ gvk: configMap, object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' }, data: { a: 'b', c: '' } } }),
  )
})

object('kubectl 1.32 create configmap --from-file: binaryData values are base64', () => {
  const r = decodeProtobufObject(hex(kubectlCreateBinaryConfigMap), configMap)
  assert.equal(objectOf(r), {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: 'y' },
    data: { k: 'v' },
    binaryData: { b: 'AAH/Ymlu' },
  })
})

object('kubectl 1.32 auth whoami: an empty SelfSubjectReview', () => {
  assert.equal(objectOf(decodeProtobufObject(hex(kubectlWhoami), review)), {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
  })
})

object('kubectl 1.32 auth can-i: resource and non-resource attributes; the unset status is left out', () => {
  const apiVersion = 'authorization.k8s.io/v1'
  assert.equal(objectOf(decodeProtobufObject(hex(kubectlCanICreatePods), accessReview)), {
    kind: 'SelfSubjectAccessReview',
    apiVersion,
    spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
  })
  assert.equal(objectOf(decodeProtobufObject(hex(kubectlCanIGetHealthz), accessReview)), {
    kind: 'SelfSubjectAccessReview',
    apiVersion,
    spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } },
  })
  assert.equal(objectOf(decodeProtobufObject(hex(kubectlCanIList), rulesReview)), {
    kind: 'SelfSubjectRulesReview',
    apiVersion,
    spec: { namespace: 'default' },
  })
})

object('field and label selector requirements of a resource attribute', () => {
  const attrs = {
    verb: 'list',
    resource: 'pods',
    fieldSelector: { rawSelector: '', requirements: [{ key: 'spec.nodeName', operator: 'In', values: ['n1', 'n2'] }] },
    labelSelector: { rawSelector: 'app=web', requirements: [] },
  }
  const r = decodeProtobufObject(
    body('authorization.k8s.io/v1', 'SelfSubjectAccessReview', 'authorization.SelfSubjectAccessReview', {
      spec: { resourceAttributes: attrs },
    }),
    accessReview,
  )
  assert.equal(objectOf(r), {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: {
      resourceAttributes: {
        verb: 'list',
        resource: 'pods',
        fieldSelector: { requirements: [{ key: 'spec.nodeName', operator: 'In', values: ['n1', 'n2'] }] },
        labelSelector: { rawSelector: 'app=web' },
      },
    },
  })
})

object("an envelope without apiVersion and kind takes the handler's, as copyKindDefaults does", () => {
  const r = decodeProtobufObject(envelope('', '', encode('core.ConfigMap', { data: { a: '1' } })), configMap)
  assert.equal(r, E.right({ gvk: configMap, object: { kind: 'ConfigMap', apiVersion: 'v1', data: { a: '1' } } }))
  const kindOnly = decodeProtobufObject(envelope('v1', '', encode('core.ConfigMap', {})), review)
  assert.equal(
    failure(kindOnly)[2],
    `SelfSubjectReview in version "v1" cannot be handled as a SelfSubjectReview: no kind "SelfSubjectReview" is registered for version "v1" in scheme "${scheme}"`,
  )
})

object("a body that is not protobuf: 400 with the serializer's text and the body summarized", () => {
  const json = new Uint8Array(Buffer.from('{"kind":"ConfigMap","apiVersion":"v1","metadata":{}}'))
  assert.equal(
    failure(decodeProtobufObject(json, configMap)),
    bad(
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"ConfigMap","apiVersio ...)',
    ),
  )
  assert.equal(
    failure(decodeProtobufObject(hex('6b3873'), configMap)),
    bad(
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (6b3873)',
    ),
  )
  assert.equal(
    failure(decodeProtobufObject(new Uint8Array(), configMap)),
    bad('the object provided is unrecognized (must be of type ConfigMap): empty data (<empty>)'),
  )
  assert.equal(
    failure(decodeProtobufObject(hex('6b387300'), configMap)),
    bad('the object provided is unrecognized (must be of type ConfigMap): empty body (6b387300)'),
  )
})

object("a cut envelope: gogo's unexpected EOF, the first 30 bytes in hex", () => {
  const cut = hex(kubectlCreateConfigMap.slice(0, 80))
  assert.equal(
    failure(decodeProtobufObject(cut, configMap)),
    bad(`the object provided is unrecognized (must be of type ConfigMap): unexpected EOF (${kubectlCreateConfigMap.slice(0, 60)} ...)`),
  )
})

object('a malformed object: 400 naming the kind the envelope gave', () => {
  const wrongWire = decodeProtobufObject(envelope('v1', 'ConfigMap', hex('1001')), configMap)
  assert.equal(
    failure(wrongWire),
    bad('ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Data'),
  )
})

object("a kind this server does not decode: no kind is registered, as kube-apiserver's scheme says", () => {
  assert.equal(
    failure(decodeProtobufObject(envelope('apps/v1', 'Deployment', new Uint8Array()), configMap)),
    bad(
      `Deployment in version "v1" cannot be handled as a ConfigMap: no kind "Deployment" is registered for version "apps/v1" in scheme "${scheme}"`,
    ),
  )
  assert.equal(
    failure(decodeProtobufObject(envelope('v2', 'ConfigMap', new Uint8Array()), configMap)),
    bad(
      `ConfigMap in version "v2" cannot be handled as a ConfigMap: no kind "ConfigMap" is registered for version "v2" in scheme "${scheme}"`,
    ),
  )
})

object("another served kind than the handler's fails its conversion into the handler's internal type", () => {
  assert.equal(
    failure(decodeProtobufObject(body('v1', 'ConfigMapList', 'core.ConfigMapList', {}), configMap)),
    bad(
      'ConfigMapList in version "v1" cannot be handled as a ConfigMap: converting (v1.ConfigMapList) to (core.ConfigMap): unknown conversion',
    ),
  )
  assert.equal(
    failure(decodeProtobufObject(hex(kubectlCanICreatePods), review)),
    bad(
      'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectReview: converting (v1.SelfSubjectAccessReview) to (authentication.SelfSubjectReview): unknown conversion',
    ),
  )
})

object('any bytes, and any bytes after the prefix or inside a valid envelope, give an object or a 400, never a throw', () => {
  const isOutcome = (r: ReturnType<typeof decodeProtobufObject>): boolean =>
    E.isRight(r)
      ? r.right.object['kind'] === 'ConfigMap'
      : r.left._tag === 'Status' && r.left.status.code === 400 && r.left.status.message !== ''
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => isOutcome(decodeProtobufObject(b, configMap))))
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (b) => isOutcome(decodeProtobufObject(Buffer.concat([hex('6b387300'), b]), configMap))),
  )
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (b) => isOutcome(decodeProtobufObject(envelope('v1', 'ConfigMap', b), configMap))),
  )
})

const deletes = suite('decodeProtobufDeleteOptions')

deletes("DeleteOptions in the client's group version; Go pointer fields keep their zero values", () => {
  const opts = {
    gracePeriodSeconds: 0,
    preconditions: { uid: 'u1', resourceVersion: '' },
    orphanDependents: false,
    propagationPolicy: 'Foreground',
    dryRun: ['All'],
  }
  assert.equal(
    decodeProtobufDeleteOptions(body('v1', 'DeleteOptions', 'meta.DeleteOptions', opts)),
    E.right({ kind: 'DeleteOptions', apiVersion: 'v1', ...opts }),
  )
})

deletes('any group and version is accepted; a missing one is meta.k8s.io/v1', () => {
  const opts = { propagationPolicy: 'Background' }
  assert.equal(
    decodeProtobufDeleteOptions(body('apps/v1', 'DeleteOptions', 'meta.DeleteOptions', opts)),
    E.right({ kind: 'DeleteOptions', apiVersion: 'apps/v1', ...opts }),
  )
  assert.equal(
    decodeProtobufDeleteOptions(body('', '', 'meta.DeleteOptions', opts)),
    E.right({ kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', ...opts }),
  )
})

deletes("failures are upstream's 500 without a reason, the decoder's text as message", () => {
  assert.equal(failure(decodeProtobufDeleteOptions(hex(kubectlCreateConfigMap))), [
    500,
    '',
    'no kind "ConfigMap" is registered for version "v1" in scheme "k8s.io/apimachinery/pkg/apis/meta/internalversion/scheme/register.go:27"',
  ])
  assert.equal(failure(decodeProtobufDeleteOptions(new Uint8Array(Buffer.from('{}')))), [
    500,
    '',
    'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
  ])
})

object.run()
deletes.run()
