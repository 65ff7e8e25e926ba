import { type Handler, type NodeListener, constant, takeover } from '../core/index.js'

/**
 * A Handler that lets a foreign node listener (an Express app, say) answer every request: it always
 * answers `takeover(listener)`. Use it as the last delegate; filters in front of it still run, and their
 * headers and finalizers apply.
 *
 * @example
 * import express from 'express'
 * import { fromNodeListener } from 'kubechain/serve'
 *
 * const app = express()
 * app.get('/legacy', (_req, res) => { res.send('served by express') })
 * export const legacy = fromNodeListener(app)
 */
export const fromNodeListener = (listener: NodeListener): Handler => constant(takeover(listener))
