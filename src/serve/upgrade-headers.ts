import type { IncomingMessage } from 'node:http'
import type { WebSocketServer } from 'ws'
import type { ResponseHeaders } from '../core/index.js'
import { headerLines } from './header-lines.js'

/** Adds a response's headers to the 101 that `ws` writes for `req`. */
export type AddUpgradeHeaders = (server: WebSocketServer, req: IncomingMessage, headers: ResponseHeaders) => void

/**
 * Makes the hook that carries an Upgrade response's headers onto the 101: one `'headers'` listener per
 * WebSocketServer (installed once), which looks up the lines kept for that request. Headers that frame
 * the handshake (`connection`, `upgrade`, `sec-websocket-accept`, lengths) are left to `ws`. Invalid
 * header names or values throw here, before the handshake starts.
 */
export const upgradeHeaders = (): AddUpgradeHeaders => {
  const hooked = new WeakSet<WebSocketServer>()
  const pending = new WeakMap<IncomingMessage, ReadonlyArray<string>>()
  const onHeaders = (lines: string[], req: IncomingMessage): void => {
    const extra = pending.get(req)
    if (extra === undefined) return
    pending.delete(req)
    lines.push(...extra)
  }
  return (server, req, headers) => {
    const lines = headerLines(headers, handshake)
    if (lines.length === 0) return
    if (!hooked.has(server)) {
      hooked.add(server)
      server.on('headers', onHeaders)
    }
    pending.set(req, lines)
  }
}

const handshake: ReadonlySet<string> = new Set(['connection', 'upgrade', 'sec-websocket-accept', 'content-length', 'transfer-encoding'])
