import type { EventEmitter } from 'node:events'
import { type Request, type Target, newCancelSource, newRequest } from '../core/index.js'
import type { Exchange } from './exchange.js'

/**
 * Makes the Request of an exchange's node request: method, target, node's own header object (no
 * copy), the raw request, and a cancel token that starts watching the connection on its first subscriber.
 */
export const toRequest = <T extends EventEmitter>(ex: Exchange<T>, target: Target): Request =>
  newRequest({
    method: ex.req.method ?? 'GET',
    target,
    headers: ex.req.headers,
    raw: ex.req,
    cancel: newCancelSource(undefined, (cancel) => ex.armCancel(cancel)).token,
  })
