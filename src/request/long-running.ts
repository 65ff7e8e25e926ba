import * as t from 'io-ts'
import type { RequestInfo } from './request-info.js'

/** Which requests are long-running: by verb, and by subresource of resource requests. */
export const LongRunningConfig = t.readonly(t.type({ verbs: t.readonlyArray(t.string), subresources: t.readonlyArray(t.string) }))
export type LongRunningConfig = t.TypeOf<typeof LongRunningConfig>

/**
 * Upstream's two usual settings: `generic` is the generic apiserver's default (`NewConfig`: watches);
 * `kube` is kube-apiserver's and the aggregator's (watch and proxy verbs; attach, exec, proxy, log and
 * portforward subresources).
 */
export const longRunningDefaults: { readonly generic: LongRunningConfig; readonly kube: LongRunningConfig } = {
  generic: { verbs: ['watch'], subresources: [] },
  kube: { verbs: ['watch', 'proxy'], subresources: ['attach', 'exec', 'proxy', 'log', 'portforward'] },
}

/**
 * Decides from a request's RequestInfo whether it is long-running. Upstream's check also receives the
 * HTTP request but reads only RequestInfo (its `/debug/pprof/` test uses `RequestInfo.Path`, the URL path).
 */
export type LongRunningRequestCheck = (info: RequestInfo) => boolean

/**
 * Upstream's `BasicLongRunningRequestCheck`: long-running when the verb is one of `verbs`, or a resource
 * request's subresource is one of `subresources`, or a non-resource path starts with `/debug/pprof/`.
 * @example
 * const { verbs, subresources } = longRunningDefaults.kube
 * const isLongRunning = basicLongRunningRequestCheck(verbs, subresources)
 * pipe(newRequestInfoResolver()('GET', '/api/v1/namespaces/ns/pods/web/log'), E.map(isLongRunning)) // right(true)
 */
export const basicLongRunningRequestCheck = (
  verbs: ReadonlyArray<string>,
  subresources: ReadonlyArray<string>,
): LongRunningRequestCheck => {
  const verbSet: ReadonlySet<string> = new Set(verbs)
  const subresourceSet: ReadonlySet<string> = new Set(subresources)
  const anySubresource = subresourceSet.size > 0 // the generic default has none: no lookup per request
  return (info) =>
    verbSet.has(info.verb) ||
    (info.isResourceRequest ? anySubresource && subresourceSet.has(info.subresource) : info.path.startsWith('/debug/pprof/'))
}
