import type { EventEmitter } from 'node:events'
import type { Http2Session } from 'node:http2'
import type { Socket } from 'node:net'
import type { Clock } from '../core/index.js'
import { peerKey } from './peer-key.js'
import type { ServingTimeouts } from './serving-timeouts.js'

/**
 * Watches every HTTP/2 session of `server` so that none outlives its use: a session quiet for
 * `probeAfterMs` is sent a PING (one with open streams at most every `busyProbeEveryMs`), and one that does
 * not answer within `pingAckMs` is destroyed. Node sends GOAWAY and then stops reading, without closing
 * the socket or telling anyone, when a client breaks the protocol (a header block it cannot decompress,
 * its rapid-reset guard); such a session answers no PING, so its socket is closed within about two
 * seconds; its TCP connection is destroyed with it, since node may otherwise wait for ever to end a socket
 * whose peer left. A session without streams for `idleMs` is closed with GOAWAY (Go's `IdleTimeout`).
 * Costs a `'close'` listener per stream and connection, and one timer per session, refreshed by node on activity.
 */
export const guardHttp2Sessions = (server: EventEmitter, t: ServingTimeouts, clock: Clock): void => {
  const connections = new Map<string, Socket>()
  server.on('connection', (raw: Socket) => {
    const key = peerKey(raw)
    connections.set(key, raw)
    raw.once('close', () => connections.get(key) === raw && connections.delete(key))
  })
  server.on('session', (session: Http2Session) => {
    const raw = connections.get(peerKey(session.socket))
    // a destroyed session may wait for ever to end a socket its peer left: its TCP connection goes too
    const kill = (): void => {
      session.destroy()
      raw?.destroy()
    }
    watchSession(session, t, clock, kill)
  })
}

const watchSession = (session: Http2Session, t: ServingTimeouts, clock: Clock, kill: () => void): void => {
  let open = 0
  let quietSince = clock.now()
  let lastAck = quietSince
  let pinging = false
  const closed = (): void => {
    open -= 1
    if (open === 0) quietSince = clock.now()
  }
  session.on('stream', (stream: EventEmitter) => {
    open += 1
    stream.once('close', closed)
  })
  const answered = (): void => {
    pinging = false
    lastAck = clock.now()
  }
  session.setTimeout(t.probeAfterMs)
  // `on`, not setTimeout's callback, which node adds with `once`
  session.on('timeout', () => {
    if (session.destroyed) return
    session.setTimeout(t.probeAfterMs) // node fires once per quiet spell: look again while it stays quiet
    const now = clock.now()
    if (open === 0 && now - quietSince >= t.idleMs) return closeIdle(session, t, clock, kill)
    if (pinging || (open > 0 && now - lastAck < t.busyProbeEveryMs)) return
    pinging = true
    probe(session, t, clock, answered, kill)
  })
}

/** Sends a PING; destroys the session unless it is answered within `pingAckMs`. */
const probe = (session: Http2Session, t: ServingTimeouts, clock: Clock, answered: () => void, kill: () => void): void => {
  const cancel = clock.setTimer(kill, t.pingAckMs)
  const acked = (err: Error | null): void => {
    cancel()
    if (err === null) answered()
  }
  try {
    if (!session.ping(acked)) kill()
  } catch {
    cancel()
    kill()
  }
}

/** GOAWAY to an idle session; it is killed if it has not closed `pingAckMs` later. */
const closeIdle = (session: Http2Session, t: ServingTimeouts, clock: Clock, kill: () => void): void => {
  session.close()
  const cancel = clock.setTimer(kill, t.pingAckMs)
  session.once('close', cancel)
}
