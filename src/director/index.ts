export { type MuxError, muxErrorMessage } from './mux-error.js'
export { notFoundHandler } from './not-found.js'
export {
  type Route,
  type Matcher,
  type PathMux,
  type MuxEdit,
  newPathMux,
  handle,
  unlistedHandle,
  handlePrefix,
  unlistedHandlePrefix,
  unregister,
  withNotFound,
  listedPaths,
} from './path-mux.js'
export { type MuxRef, newMuxRef } from './mux-ref.js'
export { type MuxSource, toHandler } from './mux-handler.js'
export { type WebService, type DirectorOptions, director } from './director.js'
export { indexLister, rootPathsJson, unionPaths } from './index-lister.js'
export { chainPathsKey, chainIndexLister, delegateMiss } from './chain-paths.js'
export { type DelegationTarget, emptyDelegate, emptyDelegateWithCustomHandler } from './delegation-target.js'
export {
  ApiServerHandlerConfig,
  apiServerHandlerDefaults,
  type ApiServerHandlerOptions,
  type ApiServerHandler,
  newApiServerHandler,
} from './api-server-handler.js'
export { muxAwareNotFoundHandler } from './mux-aware-not-found.js'
