// The answer-equivalence property on the wire over HTTP/2: a chain served from the 'stream' event
// answers, audits and releases the same however its handler answered.
import { type ClientHttp2Session, type Http2Server, type ServerHttp2Stream, createServer } from 'node:http2'
import type { IncomingHttpHeaders } from 'node:http2'
import fc from 'fast-check'
import { suite } from 'uvu'
import type { Handler } from '../../src/core/index.js'
import { type Http2StreamListener, toHttp2StreamListener } from '../../src/serve/index.js'
import { type Built, chainSetup } from '../support/answer-equivalence/chains.js'
import { type RequestSpec, type Snapshot, probed, requestSpec, snapshot } from '../support/answer-equivalence/observe.js'
import { outcome } from '../support/answer-equivalence/outcomes.js'
import { type Observer, sameEveryWay } from '../support/answer-equivalence/property.js'
import { closeHttp2, listen, session2 } from '../support/http-client.js'

/** An HTTP/2 cleartext server on 127.0.0.1 whose stream listener is swapped per run. */
interface Wire2 {
  server: Http2Server
  port: number
  current: Http2StreamListener
}

/** Headers that differ from run to run for reasons outside the chain (the wall-clock second of `date`). */
const wallClock = new Set(['date', ':status'])

/**
 * One request on a session of its own (a chain may answer HTTP/2 with GOAWAY, which ends the session):
 * status, headers and the body as hex, once the stream closed.
 */
const ask = (port: number, req: RequestSpec): Promise<unknown> =>
  new Promise((resolve) => {
    const session: ClientHttp2Session = session2(port)
    sessions.add(session)
    session.on('error', () => undefined)
    session.once('close', () => sessions.delete(session))
    const s = session.request({ ':method': req.method, ':path': req.path, ...req.headers })
    let head: IncomingHttpHeaders = {}
    const chunks: Buffer[] = []
    s.on('response', (h) => (head = h))
    s.on('data', (c: Buffer) => chunks.push(Buffer.from(c)))
    s.on('error', () => undefined)
    s.on('close', () => {
      session.close()
      const headers = Object.entries(head).filter(([k]) => !wallClock.has(k))
      resolve({ status: Number(head[':status'] ?? 0), headers, body: Buffer.concat(chunks).toString('hex'), reset: s.rstCode ?? 0 })
    })
    s.end()
  })

const untilEnded = async (ended: ReadonlyArray<unknown>): Promise<void> => {
  for (let i = 0; i < 1000 && ended.length === 0; i++) await new Promise((resolve) => setImmediate(resolve))
}

const sessions = new Set<ClientHttp2Session>()

const observeOnWire2 = async (wire: Wire2, built: Built, inner: Handler, req: RequestSpec): Promise<Snapshot> => {
  const p = probed(built, inner)
  wire.current = toHttp2StreamListener(p.handler, { log: built.deps.log })
  const answer = await ask(wire.port, req)
  await untilEnded(p.ended)
  return snapshot(built, p, answer)
}

const onTheWire = suite(
  'through toHttp2StreamListener over HTTP/2, a chain answers, audits and releases the same however its handler answered',
)
let wire: Wire2 | undefined
onTheWire.before(async () => {
  const server = createServer()
  const w: Wire2 = { server, port: 0, current: (s) => s.close() }
  server.on('stream', (s: ServerHttp2Stream, h: IncomingHttpHeaders, f: number, raw: string[]) => w.current(s, h, f, raw))
  w.port = await listen(server)
  wire = w
})
onTheWire.after(async () => (wire === undefined ? undefined : closeHttp2(wire.server, ...sessions)))
for (const kind of ['secure', 'insecure'] as const) {
  onTheWire(`the ${kind} chain, any checked subset of its steps`, async () => {
    const see: Observer = (built, inner, req) => observeOnWire2(wire!, built, inner, req)
    await fc.assert(fc.asyncProperty(chainSetup(kind), outcome, requestSpec, sameEveryWay(see)), { numRuns: 60 })
  })
}
onTheWire.run()
