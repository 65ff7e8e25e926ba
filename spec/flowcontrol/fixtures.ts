// Spec support for flowcontrol: users, RequestInfos and small valid objects.
import type { UserInfo } from '../../src/auth/user.js'
import type { RequestInfo } from '../../src/request/request-info.js'

/** A user with the given groups (authenticated unless told otherwise). */
export const user = (name: string, groups: ReadonlyArray<string> = ['system:authenticated']): UserInfo => ({
  name,
  uid: '',
  groups,
  extra: {},
})

/** A resource request: `get pods` in `default` unless overridden. */
export const resourceInfo = (o: Partial<RequestInfo> = {}): RequestInfo => ({
  isResourceRequest: true,
  path: '/api/v1/namespaces/default/pods',
  verb: 'get',
  apiPrefix: 'api',
  apiGroup: '',
  apiVersion: 'v1',
  namespace: 'default',
  resource: 'pods',
  subresource: '',
  name: '',
  parts: ['pods'],
  fieldSelector: '',
  labelSelector: '',
  ...o,
})

/** A non-resource request: `get` of `path`. */
export const nonResourceInfo = (path: string, verb = 'get'): RequestInfo => ({
  ...resourceInfo(),
  isResourceRequest: false,
  path,
  verb,
  apiPrefix: '',
  apiVersion: '',
  namespace: '',
  resource: '',
  parts: [],
})

/** A FlowSchema document as a file would hold it. */
export const flowSchemaDoc = (name: string, spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
  kind: 'FlowSchema',
  metadata: { name },
  spec: {
    priorityLevelConfiguration: { name: 'workload-low' },
    rules: [{ subjects: [{ kind: 'Group', group: { name: 'team' } }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }],
    ...spec,
  },
  ...extra,
})

/** A PriorityLevelConfiguration document as a file would hold it: limited, queuing with defaults. */
export const levelDoc = (name: string, limited: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
  kind: 'PriorityLevelConfiguration',
  metadata: { name },
  spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} }, ...limited } },
  ...extra,
})
