import type { GroupVersionKind, SchemaModels } from '../schema.js'
import {
  apiVersionDescription,
  booleanProp,
  gvkOf,
  integerProp,
  kindDescription,
  modelListProp,
  refTo,
  stringListProp,
  stringProp,
} from './model-builders.js'

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1'

/**
 * The group versions upstream registers `DeleteOptions` and `WatchEvent` in, besides the core `v1`
 * (`metav1.AddToGroupVersion` in every group); kept in upstream's order.
 */
const sharedGroupVersions: ReadonlyArray<string> = [
  'admission.k8s.io/v1',
  'admission.k8s.io/v1beta1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
  'apiextensions.k8s.io/v1beta1',
  'apiregistration.k8s.io/v1',
  'apiregistration.k8s.io/v1beta1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1alpha1',
  'certificates.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'coordination.k8s.io/v1beta1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'imagepolicy.k8s.io/v1alpha1',
  'internal.apiserver.k8s.io/v1alpha1',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1alpha1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1alpha1',
  'rbac.authorization.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1',
  'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storage.k8s.io/v1beta1',
  'storagemigration.k8s.io/v1alpha1',
]

const inEveryGroup = (kind: string): ReadonlyArray<GroupVersionKind> => [
  { group: '', kind, version: 'v1' },
  ...sharedGroupVersions.map((gv) => {
    const [group, version] = gv.split('/') as [string, string]
    return { group, kind, version }
  }),
]

const rawExtensionDescription =
  'RawExtension is used to hold extensions in external versions.\n\nTo use this, make a field which has RawExtension as its type in your external version struct, and Object in your internal struct. You also need to register your various plugin types.\n\n// Internal package:\n\n\ttype MyAPIObject struct {\n\t\truntime.TypeMeta `json:",inline"`\n\t\tMyPlugin runtime.Object `json:"myPlugin"`\n\t}\n\n\ttype PluginA struct {\n\t\tAOption string `json:"aOption"`\n\t}\n\n// External package:\n\n\ttype MyAPIObject struct {\n\t\truntime.TypeMeta `json:",inline"`\n\t\tMyPlugin runtime.RawExtension `json:"myPlugin"`\n\t}\n\n\ttype PluginA struct {\n\t\tAOption string `json:"aOption"`\n\t}\n\n// On the wire, the JSON will look something like this:\n\n\t{\n\t\t"kind":"MyAPIObject",\n\t\t"apiVersion":"v1",\n\t\t"myPlugin": {\n\t\t\t"kind":"PluginA",\n\t\t\t"aOption":"foo",\n\t\t},\n\t}\n\nSo what happens? Decode first uses json or yaml to unmarshal the serialized data into your external MyAPIObject. That causes the raw JSON to be stored, but not unpacked. The next step is to copy (using pkg/conversion) into the internal struct. The runtime package\'s DefaultScheme has conversion functions installed which will unpack the JSON stored in RawExtension, turning it into the correct object type, and storing it in the Object. (TODO: In the case where the object is of an unknown type, a runtime.Unknown object will be created and stored.)'

/**
 * The models of what operations send and answer besides the objects themselves: `Status` (with its
 * details and causes), `DeleteOptions`, `Preconditions`, `WatchEvent` (and `RawExtension`), `Patch`,
 * `APIResource` and `APIResourceList`, as upstream's published OpenAPI v3 documents describe them.
 */
export const operationModels: SchemaModels = {
  [`${meta}.APIResource`]: {
    description: 'APIResource specifies the name of a resource and whether it is namespaced.',
    properties: {
      categories: stringListProp("categories is a list of the grouped resources this resource belongs to (e.g. 'all')", 'atomic'),
      group: stringProp(
        'group is the preferred group of the resource.  Empty implies the group of the containing resource list. For subresources, this may have a different value, for example: Scale".',
      ),
      kind: stringProp("kind is the kind for the resource (e.g. 'Foo' is the kind for a resource 'foo')", true),
      name: stringProp('name is the plural name of the resource.', true),
      namespaced: booleanProp('namespaced indicates if a resource is namespaced or not.', true),
      shortNames: stringListProp('shortNames is a list of suggested short names of the resource.', 'atomic'),
      singularName: stringProp(
        'singularName is the singular name of the resource.  This allows clients to handle plural and singular opaquely. The singularName is more correct for reporting status on a single item and both singular and plural are allowed from the kubectl CLI interface.',
        true,
      ),
      storageVersionHash: stringProp(
        'The hash value of the storage version, the version this resource is converted to when written to the data store. Value must be treated as opaque by clients. Only equality comparison on the value is valid. This is an alpha feature and may change or be removed in the future. The field is populated by the apiserver only if the StorageVersionHash feature gate is enabled. This field will remain optional even if it graduates.',
      ),
      verbs: stringListProp(
        'verbs is a list of supported kube verbs (this includes get, list, watch, create, update, patch, delete, deletecollection, and proxy)',
      ),
      version: stringProp(
        'version is the preferred version of the resource.  Empty implies the version of the containing resource list For subresources, this may have a different value, for example: v1 (while inside a v1beta1 version of the core resource\'s group)".',
      ),
    },
    required: ['name', 'singularName', 'namespaced', 'kind', 'verbs'],
    type: 'object',
  },
  [`${meta}.APIResourceList`]: {
    description:
      'APIResourceList is a list of APIResource, it is used to expose the name of the resources supported in a specific group and version, and if the resource is namespaced.',
    properties: {
      apiVersion: stringProp(apiVersionDescription),
      groupVersion: stringProp('groupVersion is the group and version this APIResourceList is for.', true),
      kind: stringProp(kindDescription),
      resources: modelListProp(`${meta}.APIResource`, 'resources contains the name of the resources and if they are namespaced.'),
    },
    required: ['groupVersion', 'resources'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvkOf('', 'v1', 'APIResourceList'),
  },
  [`${meta}.DeleteOptions`]: {
    description: 'DeleteOptions may be provided when deleting an API object.',
    properties: {
      apiVersion: stringProp(apiVersionDescription),
      dryRun: stringListProp(
        'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
        'atomic',
      ),
      gracePeriodSeconds: integerProp(
        'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.',
        'int64',
      ),
      kind: stringProp(kindDescription),
      orphanDependents: booleanProp(
        'Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the "orphan" finalizer will be added to/removed from the object\'s finalizers list. Either this field or PropagationPolicy may be set, but not both.',
      ),
      preconditions: refTo(
        `${meta}.Preconditions`,
        'Must be fulfilled before a deletion is carried out. If not possible, a 409 Conflict status will be returned.',
      ),
      propagationPolicy: stringProp(
        "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
      ),
    },
    type: 'object',
    'x-kubernetes-group-version-kind': inEveryGroup('DeleteOptions'),
  },
  [`${meta}.Patch`]: {
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    type: 'object',
  },
  [`${meta}.Preconditions`]: {
    description: 'Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.',
    properties: { resourceVersion: stringProp('Specifies the target ResourceVersion'), uid: stringProp('Specifies the target UID.') },
    type: 'object',
  },
  [`${meta}.Status`]: {
    description: "Status is a return value for calls that don't return other objects.",
    properties: {
      apiVersion: stringProp(apiVersionDescription),
      code: integerProp('Suggested HTTP return code for this status, 0 if not set.', 'int32'),
      details: refTo(
        `${meta}.StatusDetails`,
        'Extended data associated with the reason.  Each reason may define its own extended details. This field is optional and the data returned is not guaranteed to conform to any schema except that defined by the reason type.',
        { 'x-kubernetes-list-type': 'atomic' },
      ),
      kind: stringProp(kindDescription),
      message: stringProp('A human-readable description of the status of this operation.'),
      metadata: refTo(
        `${meta}.ListMeta`,
        'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
        { default: {} },
      ),
      reason: stringProp(
        'A machine-readable description of why this operation is in the "Failure" status. If this value is empty there is no information available. A Reason clarifies an HTTP status code but does not override it.',
      ),
      status: stringProp(
        'Status of the operation. One of: "Success" or "Failure". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      ),
    },
    type: 'object',
    'x-kubernetes-group-version-kind': [...gvkOf('', 'v1', 'Status'), { group: 'resource.k8s.io', kind: 'Status', version: 'v1alpha3' }],
  },
  [`${meta}.StatusCause`]: {
    description: 'StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered.',
    properties: {
      field: stringProp(
        'The field of the resource that has caused this error, as named by its JSON serialization. May include dot and postfix notation for nested attributes. Arrays are zero-indexed.  Fields may appear more than once in an array of causes due to fields having multiple errors. Optional.\n\nExamples:\n  "name" - the field "name" on the current resource\n  "items[0].name" - the field "name" on the first array entry in "items"',
      ),
      message: stringProp('A human-readable description of the cause of the error.  This field may be presented as-is to a reader.'),
      reason: stringProp(
        'A machine-readable description of the cause of the error. If this value is empty there is no information available.',
      ),
    },
    type: 'object',
  },
  [`${meta}.StatusDetails`]: {
    description:
      'StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response. The Reason field of a Status object defines what attributes will be set. Clients must ignore fields that do not match the defined type of each attribute, and should assume that any attribute may be empty, invalid, or under defined.',
    properties: {
      causes: modelListProp(
        `${meta}.StatusCause`,
        'The Causes array includes more details associated with the StatusReason failure. Not all StatusReasons may provide detailed causes.',
      ),
      group: stringProp('The group attribute of the resource associated with the status StatusReason.'),
      kind: stringProp(
        'The kind attribute of the resource associated with the status StatusReason. On some operations may differ from the requested resource Kind. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
      ),
      name: stringProp(
        'The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described).',
      ),
      retryAfterSeconds: integerProp(
        'If specified, the time in seconds before the operation should be retried. Some errors may indicate the client must take an alternate action - for those errors this field may indicate how long to wait before taking the alternate action.',
        'int32',
      ),
      uid: stringProp(
        'UID of the resource. (when there is a single resource which can be described). More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids',
      ),
    },
    type: 'object',
  },
  [`${meta}.WatchEvent`]: {
    description: 'Event represents a single event to a watched resource.',
    properties: {
      object: refTo(
        'io.k8s.apimachinery.pkg.runtime.RawExtension',
        'Object is:\n * If Type is Added or Modified: the new state of the object.\n * If Type is Deleted: the state of the object immediately before deletion.\n * If Type is Error: *Status is recommended; other types may make sense\n   depending on context.',
      ),
      type: { default: '', type: 'string' },
    },
    required: ['type', 'object'],
    type: 'object',
    'x-kubernetes-group-version-kind': inEveryGroup('WatchEvent'),
  },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { description: rawExtensionDescription, type: 'object' },
}
