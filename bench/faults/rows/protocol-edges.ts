// Row 10: an HTTP/1.1 request without Host on the TLS port is 400 (HTTP/1.0 is served, as Go serves it);
// the 101st concurrent HTTP/2 stream is refused alone (REFUSED_STREAM, upstream's MaxConcurrentStreams of
// 100) while the other 100 are served, or, as nghttp2 does once the client acknowledged SETTINGS, the
// connection is ended; never left open.
import { errorName, headers, request } from '../h2-frames.js'
import { openH2 } from '../h2-conn.js'
import { configMapsPath } from '../configmaps.js'
import { fdCell, memoryCell } from '../monitor.js'
import { type RawConn, destroyAll, openTls, readHead } from '../raw-tls.js'
import type { Row, RowContext } from '../row.js'
import type { RowServer } from '../row-server.js'
import { serveFor } from '../row-server.js'
import { sleep } from '../sleep.js'
import { tally } from '../tally.js'

/** Row 10a: `GET /readyz` without Host over HTTP/1.1 and HTTP/1.0. */
export const noHost: Row = {
  attack: '10a no Host header (HTTP/1.1, HTTP/1.0)',
  budgetMs: 20_000,
  run: async (ctx) => {
    const s = await serveFor(ctx, [])
    const h11 = await ask(ctx, s, 'GET /readyz HTTP/1.1\r\n\r\n')
    const h10 = await ask(ctx, s, 'GET /readyz HTTP/1.0\r\n\r\n')
    s.mon.mark('after')
    return {
      held: h11 === '400' && h10 === '200',
      bound: `HTTP/1.1 ${h11}, HTTP/1.0 ${h10} (want 400, 200)`,
      notes: 'Go requires Host from HTTP/1.1 on and serves HTTP/1.0 without it; so does kubechain',
      memory: memoryCell(s.mon, 'after'),
      fds: fdCell(s.mon, 'after'),
      flags: s.flagText,
    }
  },
}

const ask = async (ctx: RowContext, s: RowServer, text: string): Promise<string> => {
  const c: RawConn = await openTls(s.child, 'http/1.1')
  ctx.defer(() => c.socket.destroy())
  c.socket.write(text)
  const head = await readHead(c, 5_000)
  return head === undefined ? (c.isClosed() ? 'closed without answer' : 'no answer in 5 s') : String(head.status)
}

const streams = 101
const protocolError = 1
const refusedStream = 7

/**
 * Row 10b: 101 watches opened at once on one connection (watches stay open, so all are concurrent). The
 * 101st must be reset alone: REFUSED_STREAM as the issue asks, or PROTOCOL_ERROR, which Go's server sends
 * as a stream error once the client acknowledged the limit (REFUSED_STREAM before that).
 */
export const streamLimit: Row = {
  attack: `10b ${streams} concurrent HTTP/2 streams`,
  budgetMs: 20_000,
  run: async (ctx) => {
    const s = await serveFor(ctx, [])
    const c = await openH2(s.child)
    ctx.defer(() => destroyAll([c]))
    await sleep(300) // the server's SETTINGS (MAX_CONCURRENT_STREAMS) arrive and are acknowledged first
    const auth = [['authorization', `Bearer ${s.child.token}`]] as const
    const frames = Array.from({ length: streams }, (_, i) =>
      headers(2 * i + 1, request(`${configMapsPath}?watch=true`, `127.0.0.1:${s.child.port}`, auth), true),
    )
    c.write(Buffer.concat(frames))
    await sleep(3_000)
    s.mon.mark('after')
    const last = 2 * streams - 1
    const served = [...c.record.answered.entries()].filter(([id, b]) => b === 0x88 && id !== last).length
    const silent = Array.from({ length: streams }, (_, i) => 2 * i + 1).filter(
      (id) => !c.record.answered.has(id) && !c.record.resets.has(id),
    )
    const resets = [...c.record.resets.entries()]
    const code = c.record.resets.get(last)
    const lastRefused = code === refusedStream || code === protocolError
    const alone = lastRefused && resets.length === 1 && served === streams - 1 && c.record.goaways.length === 0
    return {
      held: alone || c.isClosed(),
      bound: `${alone ? 'refused alone' : c.isClosed() ? 'connection ended by node (nghttp2: a connection error once SETTINGS are acknowledged)' : 'neither'}: served ${served}/${streams - 1}; stream ${last} ${code === undefined ? 'not refused' : `reset ${errorName(code)}`}; other resets ${resets.length - (lastRefused ? 1 : 0)}; GOAWAY ${c.record.goaways.map(errorName).join(',') || 'none'}`,
      notes: `connection ${c.isClosed() ? 'closed' : 'open'}; ${silent.length} streams neither answered nor reset in 3 s${silent.length > 0 ? ` (from stream ${silent[0]})` : ''}; answers by first header byte: ${tally([...c.record.answered.values()].map((b) => `0x${b.toString(16)}`))}; resets: ${tally(resets.map(([, code]) => errorName(code))) || 'none'}`,
      memory: memoryCell(s.mon, 'after'),
      fds: fdCell(s.mon, 'after'),
      flags: s.flagText,
    }
  },
}
