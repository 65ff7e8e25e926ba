// Spec support: RequestInfo values for filters that read one.
import type { RequestInfo } from '../../src/request/request-info.js'

/** A resource RequestInfo for `verb` on `resource` (cluster-scoped, core group, v1), with overrides. */
export const resourceInfo = (verb: string, resource: string, overrides: Partial<RequestInfo> = {}): RequestInfo => ({
  isResourceRequest: true,
  path: `/api/v1/${resource}`,
  verb,
  apiPrefix: 'api',
  apiGroup: '',
  apiVersion: 'v1',
  namespace: '',
  resource,
  subresource: '',
  name: '',
  parts: [resource],
  fieldSelector: '',
  labelSelector: '',
  ...overrides,
})
