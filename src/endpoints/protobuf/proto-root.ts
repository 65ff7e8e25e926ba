import protobuf from 'protobufjs/light.js'

/**
 * How a field's value reads in Go, beyond its protobuf type. `goName` is the Go field's name where it
 * is not the JSON name capitalised (gogo's errors name Go fields); `pointer` marks a Go pointer field
 * (`*bool`, `*Time`, `*Preconditions`), whose zero value is kept because it was sent.
 */
export interface GoFieldOptions {
  readonly goName?: string
  readonly pointer?: boolean
}

type Descriptor = Record<string, unknown>

const field = (id: number, type: string, opts?: GoFieldOptions): Descriptor =>
  opts === undefined ? { id, type } : { id, type, options: opts }
const str = (id: number, opts?: GoFieldOptions): Descriptor => field(id, 'string', opts)
const strs = (id: number): Descriptor => ({ id, type: 'string', rule: 'repeated' })
const list = (id: number, type: string): Descriptor => ({ id, type, rule: 'repeated' })
const map = (id: number, type: string): Descriptor => ({ id, type, keyType: 'string' })
/** A proto2 message (protobufjs reads the edition per type): fields have presence, so encoding writes empty values too. */
const message = (fields: Record<string, Descriptor>): Descriptor => ({ edition: 'proto2', fields })
const pointer = { pointer: true } as const
const uid = { goName: 'UID' } as const
const apiVersion = { goName: 'APIVersion' } as const
const objectMeta = field(1, 'meta.ObjectMeta', { goName: 'ObjectMeta' })

/** `k8s.io/apimachinery/pkg/runtime`: the envelope of every protobuf body (TypeMeta here is apiVersion=1, kind=2). */
const runtime = {
  TypeMeta: message({ apiVersion: str(1, apiVersion), kind: str(2) }),
  Unknown: message({ typeMeta: field(1, 'TypeMeta'), raw: field(2, 'bytes'), contentEncoding: str(3), contentType: str(4) }),
}

/** `k8s.io/apimachinery/pkg/apis/meta/v1`, the messages the served kinds use, fields in Go struct order. */
const meta = {
  Time: message({ seconds: field(1, 'int64'), nanos: field(2, 'int32') }),
  MicroTime: message({ seconds: field(1, 'int64'), nanos: field(2, 'int32') }),
  FieldsV1: message({ Raw: field(1, 'bytes') }),
  OwnerReference: message({
    apiVersion: str(5, apiVersion),
    kind: str(1),
    name: str(3),
    uid: str(4, uid),
    controller: field(6, 'bool', pointer),
    blockOwnerDeletion: field(7, 'bool', pointer),
  }),
  ManagedFieldsEntry: message({
    manager: str(1),
    operation: str(2),
    apiVersion: str(3, apiVersion),
    time: field(4, 'Time', pointer),
    fieldsType: str(6),
    fieldsV1: field(7, 'FieldsV1', pointer),
    subresource: str(8),
  }),
  ObjectMeta: message({
    name: str(1),
    generateName: str(2),
    namespace: str(3),
    selfLink: str(4),
    uid: str(5, uid),
    resourceVersion: str(6),
    generation: field(7, 'int64'),
    creationTimestamp: field(8, 'Time'),
    deletionTimestamp: field(9, 'Time', pointer),
    deletionGracePeriodSeconds: field(10, 'int64', pointer),
    labels: map(11, 'string'),
    annotations: map(12, 'string'),
    ownerReferences: list(13, 'OwnerReference'),
    finalizers: strs(14),
    managedFields: list(17, 'ManagedFieldsEntry'),
  }),
  ListMeta: message({ selfLink: str(1), resourceVersion: str(2), continue: str(3), remainingItemCount: field(4, 'int64', pointer) }),
  Preconditions: message({ uid: str(1, { goName: 'UID', pointer: true }), resourceVersion: str(2, pointer) }),
  DeleteOptions: message({
    gracePeriodSeconds: field(1, 'int64', pointer),
    preconditions: field(2, 'Preconditions', pointer),
    orphanDependents: field(3, 'bool', pointer),
    propagationPolicy: str(4, pointer),
    dryRun: strs(5),
    ignoreStoreReadErrorWithClusterBreakingPotential: field(6, 'bool', pointer),
  }),
  FieldSelectorRequirement: message({ key: str(1), operator: str(2), values: strs(3) }),
  LabelSelectorRequirement: message({ key: str(1), operator: str(2), values: strs(3) }),
}

/** `k8s.io/api/core/v1`. */
const core = {
  ConfigMap: message({ metadata: objectMeta, immutable: field(4, 'bool', pointer), data: map(2, 'string'), binaryData: map(3, 'bytes') }),
  ConfigMapList: message({ metadata: field(1, 'meta.ListMeta', { goName: 'ListMeta' }), items: list(2, 'ConfigMap') }),
}

/** `k8s.io/api/authentication/v1`. */
const authentication = {
  ExtraValue: message({ items: strs(1) }),
  UserInfo: message({ username: str(1), uid: str(2, uid), groups: strs(3), extra: map(4, 'ExtraValue') }),
  SelfSubjectReviewStatus: message({ userInfo: field(1, 'UserInfo') }),
  SelfSubjectReview: message({ metadata: objectMeta, status: field(2, 'SelfSubjectReviewStatus') }),
}

/** `k8s.io/api/authorization/v1`. */
const authorization = {
  FieldSelectorAttributes: message({ rawSelector: str(1), requirements: list(2, 'meta.FieldSelectorRequirement') }),
  LabelSelectorAttributes: message({ rawSelector: str(1), requirements: list(2, 'meta.LabelSelectorRequirement') }),
  ResourceAttributes: message({
    namespace: str(1),
    verb: str(2),
    group: str(3),
    version: str(4),
    resource: str(5),
    subresource: str(6),
    name: str(7),
    fieldSelector: field(8, 'FieldSelectorAttributes', pointer),
    labelSelector: field(9, 'LabelSelectorAttributes', pointer),
  }),
  NonResourceAttributes: message({ path: str(1), verb: str(2) }),
  SelfSubjectAccessReviewSpec: message({
    resourceAttributes: field(1, 'ResourceAttributes', pointer),
    nonResourceAttributes: field(2, 'NonResourceAttributes', pointer),
  }),
  SubjectAccessReviewStatus: message({ allowed: field(1, 'bool'), denied: field(4, 'bool'), reason: str(2), evaluationError: str(3) }),
  SelfSubjectAccessReview: message({
    metadata: objectMeta,
    spec: field(2, 'SelfSubjectAccessReviewSpec'),
    status: field(3, 'SubjectAccessReviewStatus'),
  }),
  SelfSubjectRulesReviewSpec: message({ namespace: str(1) }),
  ResourceRule: message({ verbs: strs(1), apiGroups: strs(2), resources: strs(3), resourceNames: strs(4) }),
  NonResourceRule: message({ verbs: strs(1), nonResourceURLs: strs(2) }),
  SubjectRulesReviewStatus: message({
    resourceRules: list(1, 'ResourceRule'),
    nonResourceRules: list(2, 'NonResourceRule'),
    incomplete: field(3, 'bool'),
    evaluationError: str(4),
  }),
  SelfSubjectRulesReview: message({
    metadata: objectMeta,
    spec: field(2, 'SelfSubjectRulesReviewSpec'),
    status: field(3, 'SubjectRulesReviewStatus'),
  }),
}

const namespace = (types: Record<string, Descriptor>): Descriptor => ({ nested: types })

/**
 * The protobuf messages this server decodes, as upstream's `generated.proto` files declare them
 * (proto2: every field optional, empty values written), in the namespaces `runtime`, `meta`, `core`,
 * `authentication` and `authorization`. Built in code, so nothing is read from disk.
 */
export const protoRoot: protobuf.Namespace = protobuf.Root.fromJSON({
  nested: {
    runtime: namespace(runtime),
    meta: namespace(meta),
    core: namespace(core),
    authentication: namespace(authentication),
    authorization: namespace(authorization),
  },
}).resolveAll()

/** A message type of `protoRoot` by its name (`core.ConfigMap`). */
export const protoType = (name: string): protobuf.Type => protoRoot.lookupType(name)
