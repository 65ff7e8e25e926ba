export { type KubechainPluginOptions, kubechainPlugin } from './kubechain-plugin.js'
export type { ChainContext } from '../serve/chain-context.js'
