import { apiVersionDescription, gvkOf, integerProp, kindDescription, refTo, stringProp } from '../../endpoints/models/model-builders.js'
import type { SchemaModels } from '../../endpoints/schema.js'

const core = 'io.k8s.api.core.v1'
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1'
const conventions = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md'
const names = 'https://kubernetes.io/docs/concepts/overview/working-with-objects'

/**
 * Core v1 `Event`, `EventList` and what they reference (`EventSeries`, `EventSource`,
 * `ObjectReference`), as upstream's published OpenAPI v3 document describes them.
 */
export const coreV1EventModels: SchemaModels = {
  [`${core}.Event`]: {
    description:
      'Event is a report of an event somewhere in the cluster.  Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.',
    properties: {
      action: stringProp('What action was taken/failed regarding to the Regarding object.'),
      apiVersion: stringProp(apiVersionDescription),
      count: integerProp('The number of times this event has occurred.', 'int32'),
      eventTime: refTo(`${meta}.MicroTime`, 'Time when this Event was first observed.'),
      firstTimestamp: refTo(`${meta}.Time`, 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
      involvedObject: refTo(`${core}.ObjectReference`, 'The object that this event is about.', { default: {} }),
      kind: stringProp(kindDescription),
      lastTimestamp: refTo(`${meta}.Time`, 'The time at which the most recent occurrence of this event was recorded.'),
      message: stringProp('A human-readable description of the status of this operation.'),
      metadata: refTo(`${meta}.ObjectMeta`, `Standard object's metadata. More info: ${conventions}#metadata`, { default: {} }),
      reason: stringProp(
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      related: refTo(`${core}.ObjectReference`, 'Optional secondary object for more complex actions.'),
      reportingComponent: stringProp('Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.', true),
      reportingInstance: stringProp('ID of the controller instance, e.g. `kubelet-xyzf`.', true),
      series: refTo(`${core}.EventSeries`, "Data about the Event series this event represents or nil if it's a singleton Event."),
      source: refTo(`${core}.EventSource`, 'The component reporting this event. Should be a short machine understandable string.', {
        default: {},
      }),
      type: stringProp('Type of this event (Normal, Warning), new types could be added in the future'),
    },
    required: ['metadata', 'involvedObject'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvkOf('', 'v1', 'Event'),
  },
  [`${core}.EventList`]: {
    description: 'EventList is a list of events.',
    properties: {
      apiVersion: stringProp(apiVersionDescription),
      items: { description: 'List of events', items: { allOf: [{ $ref: `${core}.Event` }], default: {} }, type: 'array' },
      kind: stringProp(kindDescription),
      metadata: refTo(`${meta}.ListMeta`, `Standard list metadata. More info: ${conventions}#types-kinds`, { default: {} }),
    },
    required: ['items'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvkOf('', 'v1', 'EventList'),
  },
  [`${core}.EventSeries`]: {
    description: 'EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.',
    properties: {
      count: integerProp('Number of occurrences in this series up to the last heartbeat time', 'int32'),
      lastObservedTime: refTo(`${meta}.MicroTime`, 'Time of the last occurrence observed'),
    },
    type: 'object',
  },
  [`${core}.EventSource`]: {
    description: 'EventSource contains information for an event.',
    properties: {
      component: stringProp('Component from which the event is generated.'),
      host: stringProp('Node name on which the event is generated.'),
    },
    type: 'object',
  },
  [`${core}.ObjectReference`]: {
    description: 'ObjectReference contains enough information to let you inspect or modify the referred object.',
    properties: {
      apiVersion: stringProp('API version of the referent.'),
      fieldPath: stringProp(
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
      ),
      kind: stringProp(`Kind of the referent. More info: ${conventions}#types-kinds`),
      name: stringProp(`Name of the referent. More info: ${names}/names#names`),
      namespace: stringProp(`Namespace of the referent. More info: ${names}/namespaces/`),
      resourceVersion: stringProp(
        `Specific resourceVersion to which this reference is made, if any. More info: ${conventions}#concurrency-control-and-consistency`,
      ),
      uid: stringProp(`UID of the referent. More info: ${names}/names#uids`),
    },
    type: 'object',
    'x-kubernetes-map-type': 'atomic',
  },
}
