import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isKubernetesProtobuf, kubernetesProtobufMediaType } from '../../../src/endpoints/protobuf/media-type.js'

const media = suite('isKubernetesProtobuf')

media('the protobuf media type, in any case, with parameters and spaces', () => {
  assert.ok(isKubernetesProtobuf(kubernetesProtobufMediaType))
  assert.ok(isKubernetesProtobuf('Application/VND.Kubernetes.Protobuf'))
  assert.ok(isKubernetesProtobuf(' application/vnd.kubernetes.protobuf ; charset=utf-8'))
})

media('other media types are not', () => {
  assert.not.ok(isKubernetesProtobuf('application/json'))
  assert.not.ok(isKubernetesProtobuf('application/vnd.kubernetes.protobuf+json'))
  assert.not.ok(isKubernetesProtobuf('application/vnd.kubernetes.protobuf.x'))
  assert.not.ok(isKubernetesProtobuf(''))
})

media.run()
