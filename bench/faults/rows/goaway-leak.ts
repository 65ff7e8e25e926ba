// Row 2: HTTP/2 connections the server sends GOAWAY to (an oversized header, a rapid reset) must not keep
// their sockets: under a 256-fd limit, ~230 leaked sockets used to take /readyz down.
import { errorName, headers, request, rstStream } from '../h2-frames.js'
import { type H2Conn, openH2 } from '../h2-conn.js'
import { tryCall } from '../https-call.js'
import { fdCell, memoryCell } from '../monitor.js'
import { destroyAll } from '../raw-tls.js'
import type { Outcome, Row, RowContext } from '../row.js'
import { type RowServer, serveFor } from '../row-server.js'
import { sleep, until } from '../sleep.js'
import { tally } from '../tally.js'

const nofile = 256
const connections = 230
const settleMs = 2_000
/** The fd count may exceed the start by this much after the attack (timers, a log file opened late). */
const fdSlack = 5

/** Row 2a: each connection sends one request whose header field is 70 KiB (HPACK COMPRESSION_ERROR), then idles. */
export const oversizedHeader: Row = {
  attack: `2a h2 header field >64 KiB (GOAWAY) ×${connections}`,
  budgetMs: 40_000,
  run: (ctx) =>
    goawayRow(ctx, connections, (c, host) =>
      c.write(headers(1, request('/readyz', host, [['x-faults-big', 'a'.repeat(70 * 1024)]]), true)),
    ),
}

/** Fewer connections than row 2a: each burst costs the server ~0.2 s; 60 leaked sockets already show in the fd count. */
const resetConnections = 60

/** Streams per connection opened and reset at once: above nghttp2's RST_STREAM burst of 1,000, so the guard trips. */
const resets = 1_200

/**
 * Row 2b: each connection opens and cancels `resets` authenticated streams in one burst (node's rapid-reset
 * guard answers GOAWAY INTERNAL_ERROR), then idles. Authenticated, since an anonymous HTTP/2 request
 * already gets its connection closed after the first response (upstream's rule).
 */
export const rapidReset: Row = {
  attack: `2b h2 rapid reset ${resets} streams (GOAWAY) ×${resetConnections}`,
  budgetMs: 40_000,
  run: (ctx) => goawayRow(ctx, resetConnections, (c, host, token) => c.write(burst(host, token))),
}

const burst = (host: string, token: string): Buffer => {
  const parts: Buffer[] = []
  const auth = [['authorization', `Bearer ${token}`]] as const
  for (let i = 0; i < resets; i++) parts.push(headers(2 * i + 1, request('/readyz', host, auth), true), rstStream(2 * i + 1))
  return Buffer.concat(parts)
}

const goawayRow = async (ctx: RowContext, n: number, attack: (c: H2Conn, host: string, token: string) => void): Promise<Outcome> => {
  const s = await serveFor(ctx, [], { nofile })
  const conns: H2Conn[] = []
  ctx.defer(() => destroyAll(conns))
  const refused = await openAll(ctx, s, n, conns, attack)
  await until(() => conns.every((c) => c.isClosed()), settleMs, 100)
  await sleep(200)
  s.mon.mark('after')
  const readyz = await tryCall(s.child, '/readyz')
  return verdict(s, n, conns, refused, readyz.status)
}

/** Opens up to `n` connections, attacking each as it opens; stops at the row's deadline or after 3 failed opens in a row. */
const openAll = async (
  ctx: RowContext,
  s: RowServer,
  n: number,
  conns: H2Conn[],
  attack: (c: H2Conn, host: string, token: string) => void,
): Promise<string[]> => {
  const failures: string[] = []
  const host = `127.0.0.1:${s.child.port}`
  for (let i = 0; i < n && Date.now() < ctx.deadline - 10_000; i++) {
    const c = await openH2(s.child).catch((e: unknown) => (failures.push(e instanceof Error ? e.message : String(e)), undefined))
    if (c === undefined && failures.length >= 3) break
    if (c !== undefined) conns.push(c), attack(c, host, s.child.token)
  }
  return failures
}

const verdict = (s: RowServer, n: number, conns: ReadonlyArray<H2Conn>, refused: ReadonlyArray<string>, readyz: number): Outcome => {
  const base = s.mon.baseline.fds ?? 0
  const after = s.mon.at('after')?.fds ?? Number.POSITIVE_INFINITY
  const closed = conns.filter((c) => c.isClosed()).length
  const goaways = tally(conns.map((c) => c.record.goaways.map(errorName).join('+') || 'no GOAWAY'))
  return {
    held: refused.length === 0 && after <= base + fdSlack && readyz === 200,
    bound: `fds ${after} vs start ${base} ${settleMs / 1000} s after; server closed ${closed}/${conns.length}; readyz ${readyz || 'no answer'}`,
    memory: memoryCell(s.mon, 'after'),
    fds: fdCell(s.mon, 'after'),
    flags: s.flagText,
    notes: `opened ${conns.length} of ${n}${refused.length > 0 ? ` (then failed: ${refused[0]})` : ''}; server sent ${goaways}`,
  }
}
