export { type StepDescription, describe } from './describe.js'
export { type ChainError, type ChainEdit, chainErrorMessage, insertBefore, insertAfter, replace, without } from './edit-chain.js'
export { type OrderViolation, checkChain, violationMessage } from './check-chain.js'
export { type ChainRuntime, newChainRuntime } from './chain-runtime.js'
export {
  type ServerContext,
  type ServerChain,
  type ChainBuilder,
  newServerContext,
  standaloneContext,
  serverChain,
} from './server-context.js'
export { requestInfoResolverConfig } from './resolver-config.js'
export { insecureChain, buildInsecureHandlerChain } from './insecure-chain.js'
export { type SecurityParts, type SecureChainOptions, secureChain, buildSecureHandlerChain } from './secure-chain.js'
