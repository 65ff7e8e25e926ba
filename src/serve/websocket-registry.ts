import type { WebSocket } from 'ws'

/** The websockets a server accepted through its upgrade listener, so shutdown can close them. */
export interface WebSocketRegistry {
  /** Pass as `ListenerOptions.onWebSocket` of `toUpgradeListener`. */
  readonly add: (ws: WebSocket) => void
  /** Closes every open websocket with `code` (1001, going away, at the end of shutdown). */
  readonly closeAll: (code: number, reason: string) => void
}

/** A fresh registry; websockets leave it when they close. */
export const newWebSocketRegistry = (): WebSocketRegistry => {
  const open = new Set<WebSocket>()
  return {
    add: (ws) => {
      open.add(ws)
      ws.once('close', () => open.delete(ws))
    },
    closeAll: (code, reason) => {
      for (const ws of open) ws.close(code, reason)
    },
  }
}
