import { protoType } from '../../../src/endpoints/protobuf/proto-root.js'

/**
 * Request bodies kubectl v1.32.4 sent (captured with `-v=9` against `kubechain serve`), as hex:
 * `create configmap x --from-literal=a=b --from-literal=c=`.
 */
export const kubectlCreateConfigMap =
  '6b3873000a0f0a0276311209436f6e6669674d617012220a110a017812001a0022002a0032003800420012060a016112016212050a016312001a002200'
/** `create configmap y --from-file=b=<bytes 00 01 ff 'bin'> --from-literal=k=v --dry-run=server`. */
export const kubectlCreateBinaryConfigMap =
  '6b3873000a0f0a0276311209436f6e6669674d617012280a110a017912001a0022002a0032003800420012060a016b1201761a0b0a016212060001ff62696e1a002200'
/** `auth whoami`. */
export const kubectlWhoami =
  '6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375626a656374526576696577121a0a100a0012001a0022002a0032003800420012060a040a0012001a002200'
/** `auth can-i create pods`. */
export const kubectlCanICreatePods =
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577123f0a100a0012001a0022002a0032003800420012210a1f0a0764656661756c7412066372656174651a0022002a04706f647332003a001a08080012001a0020001a002200'
/** `auth can-i get /healthz`. */
export const kubectlCanIGetHealthz =
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577122f0a100a0012001a0022002a003200380042001211120f0a082f6865616c74687a12036765741a08080012001a0020001a002200'
/** `auth can-i --list -n default`. */
export const kubectlCanIList =
  '6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c665375626a65637452756c657352657669657712230a100a0012001a0022002a0032003800420012090a0764656661756c741a04180022001a002200'

/** Bytes from hex. */
export const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'))

/** A message of `protoRoot` encoded as proto2 writes it (set fields written, empty ones too). */
export const encode = (typeName: string, value: Record<string, unknown>): Uint8Array => protoType(typeName).encode(value).finish()

/** A Kubernetes protobuf body: `k8s\0` and a `runtime.Unknown` holding `raw`. */
export const envelope = (apiVersion: string, kind: string, raw: Uint8Array): Uint8Array =>
  Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0]),
    encode('runtime.Unknown', { typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' }),
  ])

/** A body holding a message of `protoRoot` under the given apiVersion and kind. */
export const body = (apiVersion: string, kind: string, typeName: string, value: Record<string, unknown>): Uint8Array =>
  envelope(apiVersion, kind, encode(typeName, value))
