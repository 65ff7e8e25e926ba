import * as E from 'fp-ts/lib/Either.js'
import type protobuf from 'protobufjs/light.js'
import { apiVersionOf } from '../resource-definition.js'
import type { GroupVersionKind } from '../schema.js'
import { protoType } from './proto-root.js'

/** Finds the message of a kind, or says, as upstream's scheme does, that the kind is not registered. */
export type KindLookup = (gvk: GroupVersionKind) => E.Either<string, protobuf.Type>

/** The name kube-apiserver's scheme (`legacyscheme.Scheme`) gives itself in its errors. */
export const legacySchemeName = 'k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30'
/** The name of the scheme upstream's delete handler decodes `DeleteOptions` with. */
export const metaInternalSchemeName = 'k8s.io/apimachinery/pkg/apis/meta/internalversion/scheme/register.go:27'

/**
 * runtime's `notRegisteredErr` for a kind:
 * `no kind "Secret" is registered for version "v1" in scheme "<scheme>"`.
 * Port note: values are quoted with `JSON.stringify`, which equals Go's `%q` for printable text.
 */
export const notRegistered = (schemeName: string, gvk: GroupVersionKind): string =>
  gvk.kind === ''
    ? `no version ${JSON.stringify(apiVersionOf(gvk))} has been registered in scheme ${JSON.stringify(schemeName)}`
    : `no kind ${JSON.stringify(gvk.kind)} is registered for version ${JSON.stringify(apiVersionOf(gvk))} in scheme ${JSON.stringify(schemeName)}`

const served: ReadonlyArray<readonly [group: string, version: string, kind: string, message: string]> = [
  ['', 'v1', 'ConfigMap', 'core.ConfigMap'],
  ['', 'v1', 'ConfigMapList', 'core.ConfigMapList'],
  ['authentication.k8s.io', 'v1', 'SelfSubjectReview', 'authentication.SelfSubjectReview'],
  ['authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'authorization.SelfSubjectAccessReview'],
  ['authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'authorization.SelfSubjectRulesReview'],
  // every group version registers the option kinds (metav1.AddToGroupVersion), DeleteOptions among them
  ['', 'v1', 'DeleteOptions', 'meta.DeleteOptions'],
  ['authentication.k8s.io', 'v1', 'DeleteOptions', 'meta.DeleteOptions'],
  ['authorization.k8s.io', 'v1', 'DeleteOptions', 'meta.DeleteOptions'],
  ['meta.k8s.io', 'v1', 'DeleteOptions', 'meta.DeleteOptions'],
]

const servedTypes: ReadonlyMap<string, protobuf.Type> = new Map(served.map(([g, v, k, m]) => [`${g}/${v}/${k}`, protoType(m)]))

/** The kinds this server's resources decode from protobuf: ConfigMap (and its list), the self-subject reviews, DeleteOptions. */
export const servedKinds: KindLookup = (gvk) => {
  const type = servedTypes.get(`${gvk.group}/${gvk.version}/${gvk.kind}`)
  return type === undefined ? E.left(notRegistered(legacySchemeName, gvk)) : E.right(type)
}

const deleteOptions = protoType('meta.DeleteOptions')

/**
 * The kinds upstream's delete handler decodes: `DeleteOptions` in any group and version (its scheme
 * registers it as an unversioned type, so clients may send per-group DeleteOptions).
 */
export const deleteOptionsKinds: KindLookup = (gvk) =>
  gvk.kind === 'DeleteOptions' ? E.right(deleteOptions) : E.left(notRegistered(metaInternalSchemeName, gvk))
