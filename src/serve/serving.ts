/**
 * A running server (upstream `RunServer`'s results): where it listens, and two promises. `listenerStopped`
 * resolves once the listener no longer accepts connections; `stopped` once every non-hijacked request
 * has finished (or was force-closed at the shutdown timeout). Upgraded (websocket) connections are
 * hijacked: `stopped` does not wait for them.
 */
export interface Serving {
  /** The bound address, e.g. `{ host: '127.0.0.1', port: 6443 }` (the real port when asked for port 0). */
  readonly address: { readonly host: string; readonly port: number }
  readonly stopped: Promise<void>
  readonly listenerStopped: Promise<void>
}

/** Why serving could not start; the message reads like upstream's (`failed to listen on 127.0.0.1:6443: address already in use`). */
export interface ServeError {
  readonly _tag: 'ListenFailed' | 'BadTlsMaterial' | 'BadAddress'
  readonly message: string
}
