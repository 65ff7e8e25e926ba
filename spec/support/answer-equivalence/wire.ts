// Spec support: one request through a built chain served by the node adapter over a real socket.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { Handler } from '../../../src/core/index.js'
import { toNodeListener } from '../../../src/serve/index.js'
import { ask, closeHttp, listen } from '../http-client.js'
import type { Built } from './chains.js'
import { type RequestSpec, type Snapshot, probed, snapshot } from './observe.js'

/** A server on 127.0.0.1 whose listener is swapped per run. */
export interface Wire {
  readonly port: number
  readonly serve: (listener: (req: IncomingMessage, res: ServerResponse) => void) => void
  readonly close: () => Promise<void>
}

/** Starts a `Wire`. */
export const startWire = async (): Promise<Wire> => {
  let current: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end()
  const server: Server = createServer((req, res) => current(req, res))
  const port = await listen(server)
  return { port, serve: (l) => void (current = l), close: () => closeHttp(server) }
}

/**
 * Headers the wire adds that differ from run to run for reasons outside the chain: `date` is the
 * wall-clock second the response was written. Everything else (the Audit-ID among them) comes from the
 * fake deps and is compared as it is.
 */
const wallClockHeaders = new Set(['date'])

/** Turns until the adapter ran the response's finalizers (it does so once the body was handed to the connection). */
const untilEnded = async (ended: ReadonlyArray<unknown>): Promise<void> => {
  for (let i = 0; i < 1000 && ended.length === 0; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** Runs `req` through `built` around `inner` behind `toNodeListener` (defects logged to the chain's logger), and reads the reply off the socket. */
export const observeOnWire = async (wire: Wire, built: Built, inner: Handler, req: RequestSpec): Promise<Snapshot> => {
  const p = probed(built, inner)
  wire.serve(toNodeListener(p.handler, { log: built.deps.log }))
  const reply = await ask(wire.port, req.path, { method: req.method, headers: req.headers })
  await untilEnded(p.ended)
  const headers = Object.entries(reply.headers).filter(([k]) => !wallClockHeaders.has(k))
  return snapshot(built, p, { status: reply.status, headers, body: reply.body.toString('hex') })
}
