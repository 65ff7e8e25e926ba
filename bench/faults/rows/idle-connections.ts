// Row 2c: connections that say nothing more must be closed by the server: idle keep-alive (HTTP/1.1 and
// HTTP/2) after upstream's IdleTimeout (90 s), a TLS handshake or request head never finished after its
// ReadHeaderTimeout (32 s). It runs beside the other rows, so the suite waits for it only at the end.
import { connect as connectTcp, type Socket } from 'node:net'
import { headers, request } from '../h2-frames.js'
import { type H2Conn, openH2 } from '../h2-conn.js'
import { fdCell, memoryCell } from '../monitor.js'
import { type RawConn, destroyAll, openTls, readHead, track } from '../raw-tls.js'
import type { Outcome, Row, RowContext } from '../row.js'
import { serveFor } from '../row-server.js'
import { sleep } from '../sleep.js'

/** Upstream's IdleTimeout and ReadHeaderTimeout, with the slack the table allows. */
const idleBoundS = 90 + 5
const headerBoundS = 32 + 3

/** One watched connection: what it is, its bound, and from when its silence counts. */
interface Silent {
  readonly name: string
  readonly boundS: number
  readonly conn: RawConn<Socket>
  readonly since: number
}

/** Row 2c: five silent connections, watched until each is closed or the idle bound has passed. */
export const idleConnections: Row = {
  attack: '2c idle and unfinished connections ×5',
  budgetMs: (idleBoundS + 15) * 1000,
  beside: true,
  run: async (ctx) => {
    const s = await serveFor(ctx, [])
    const silent = await openSilent(ctx, s.child.port, s.child.token)
    const end = Math.min(ctx.deadline - 3_000, Date.now() + (idleBoundS + 2) * 1000)
    while (Date.now() < end && !silent.every((x) => x.conn.isClosed()) && !ctx.signal.aborted) await sleep(250)
    s.mon.mark('after')
    return verdict(silent, { memory: memoryCell(s.mon, 'after'), fds: fdCell(s.mon, 'after'), flags: s.flagText })
  },
}

const openSilent = async (ctx: RowContext, port: number, token: string): Promise<Silent[]> => {
  const to = { host: '127.0.0.1', port }
  const h1 = await openTls(to, 'http/1.1')
  h1.socket.write(`GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`)
  const h1Head = await readHead(h1, 5_000)
  const h2: H2Conn = await openH2(to)
  h2.write(headers(1, request('/readyz', `127.0.0.1:${port}`, [['authorization', `Bearer ${token}`]]), true))
  await sleep(300)
  const tcp = connectTcp({ host: '127.0.0.1', port })
  const partial = await openTls(to, 'http/1.1')
  partial.socket.write(`GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`)
  const mute = await openTls(to, 'http/1.1')
  for (const s of [tcp, partial.socket, mute.socket]) s.resume() // reading, so the server's close is seen
  const now = Date.now()
  const all: Silent[] = [
    { name: `h1 keep-alive idle after ${h1Head?.status ?? 'no answer'}`, boundS: idleBoundS, conn: h1, since: now },
    { name: `h2 idle after ${h2.record.answered.get(1) === 0x88 ? '200' : 'no 200'}`, boundS: idleBoundS, conn: h2, since: now },
    { name: 'TCP open, no TLS handshake', boundS: headerBoundS, conn: track(tcp), since: now },
    { name: 'TLS done, request head unfinished', boundS: headerBoundS, conn: partial, since: now },
    { name: 'TLS done, no request', boundS: headerBoundS, conn: mute, since: now },
  ]
  ctx.defer(() => destroyAll(all.map((x) => x.conn)))
  return all
}

const verdict = (silent: ReadonlyArray<Silent>, cells: Pick<Outcome, 'memory' | 'fds' | 'flags'>): Outcome => {
  const seconds = (x: Silent): number | undefined => {
    const at = x.conn.closedAt()
    return at === undefined ? undefined : Math.round((at - x.since) / 100) / 10
  }
  const held = (x: Silent): boolean => (seconds(x) ?? Number.POSITIVE_INFINITY) <= x.boundS
  const waited = Math.round((Date.now() - (silent[0]?.since ?? Date.now())) / 1000)
  const line = (x: Silent): string =>
    `${x.name}: ${seconds(x) === undefined ? `open after ${waited} s` : `closed at ${seconds(x)} s`} (≤${x.boundS})`
  return { held: silent.every(held), bound: silent.map(line).join('; '), ...cells }
}
