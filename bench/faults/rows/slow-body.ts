// Row 1: writes whose bodies arrive one byte a second hold every mutating seat; the deadline must free them.
import { configMap, configMapsPath } from '../configmaps.js'
import { tryCall } from '../https-call.js'
import { fdCell, memoryCell } from '../monitor.js'
import { type Head, type RawConn, destroyAll, openTls, readHead } from '../raw-tls.js'
import type { Outcome, Row, RowContext } from '../row.js'
import { serveFor } from '../row-server.js'
import { sleep } from '../sleep.js'
import { tally } from '../tally.js'

const seats = 20
const flags = ['--request-timeout=2s', `--max-mutating-requests-inflight=${seats}`, '--authorization-mode=AlwaysAllow']

/** Row 1: `seats` slow POSTs (Content-Length 1000000, one byte a second), then a normal write. */
export const slowBody: Row = {
  attack: `1 slow request body ×${seats} (1 B/s of 1 MB)`,
  budgetMs: 25_000,
  run: async (ctx) => {
    const { child, mon, flagText } = await serveFor(ctx, flags, { normalUser: true })
    const token = child.userToken ?? ''
    const conns: RawConn[] = []
    ctx.defer(() => destroyAll(conns))
    for (let i = 0; i < seats; i++) conns.push(await openTls(child, 'http/1.1'))
    const heads = conns.map((c, i) => dribble(ctx, c, child.port, token, i))
    await sleep(500)
    const during = await tryCall(child, configMapsPath, { method: 'POST', token, body: configMap('faults-slow-during', 10) })
    const answered = await Promise.all(heads)
    const closedSoon = await Promise.all(conns.map((c) => Promise.race([c.closed.then(() => true), sleep(3_000).then(() => false)])))
    mon.mark('after')
    const after = await tryCall(child, configMapsPath, { method: 'POST', token, body: configMap('faults-slow-after', 10) })
    return verdict(answered, closedSoon, during.status, after.status, {
      memory: memoryCell(mon, 'after'),
      fds: fdCell(mon, 'after'),
      flags: flagText,
    })
  },
}

/** Sends the head and one byte, then one byte a second until the socket closes; resolves with the response head. */
const dribble = (ctx: RowContext, c: RawConn, port: number, token: string, i: number): Promise<Head | undefined> => {
  const head = [
    `POST ${configMapsPath} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Authorization: Bearer ${token}`,
    'Content-Type: application/json',
    'Content-Length: 1000000',
    `Audit-ID: faults-slow-${i}`,
  ]
  c.socket.write(`${head.join('\r\n')}\r\n\r\n{`)
  const timer = setInterval(() => (c.isClosed() || ctx.signal.aborted ? clearInterval(timer) : c.socket.write(' ')), 1_000)
  void c.closed.then(() => clearInterval(timer))
  ctx.defer(() => clearInterval(timer))
  return readHead(c, 8_000)
}

const verdict = (
  heads: ReadonlyArray<Head | undefined>,
  closed: ReadonlyArray<boolean>,
  during: number,
  after: number,
  cells: Pick<Outcome, 'memory' | 'fds' | 'flags'>,
): Outcome => {
  const ok = heads.filter((h, i) => h?.status === 504 && h.headers['connection']?.toLowerCase() === 'close' && closed[i] === true).length
  const statuses = tally(heads.map((h) => (h === undefined ? 'none' : `${h.status}${h.headers['connection'] === 'close' ? '+close' : ''}`)))
  return {
    held: ok === heads.length && after !== 429 && after >= 200 && after < 300,
    bound: `504+close+closed ${ok}/${heads.length}; write during ${during}, after ${after}`,
    notes: `slow requests answered: ${statuses}; closed within 3 s of the answer: ${closed.filter(Boolean).length}/${closed.length}`,
    ...cells,
  }
}
