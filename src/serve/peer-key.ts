/**
 * A connection's peer as `address:port`. Node hands out a proxy as an HTTP/2 session's `socket`, so a
 * session and its connection are matched by peer, not by identity.
 */
export const peerKey = (s: { remoteAddress?: string | undefined; remotePort?: number | undefined } | undefined): string =>
  s === undefined ? '' : `${s.remoteAddress}:${s.remotePort}`
