export { type ChainMiddlewareOptions, type Next, type NodeMiddleware, chainMiddleware } from './chain-middleware.js'
export { chainContextOf } from './chain-context-of.js'
export type { ChainContext } from '../serve/chain-context.js'
