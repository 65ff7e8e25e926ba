// Row 4: many connections each ask for a 3 MB list and never read it. The server's memory must stay
// bounded, and the seats the unread lists hold must come back at the request deadline.
import { Agent } from 'node:https'
import { configMap, configMapsPath } from '../configmaps.js'
import { tryCall } from '../https-call.js'
import { fdCell, memoryCell } from '../monitor.js'
import { isAlive, kernelTcpKiB, rssKiB } from '../proc-stats.js'
import { type RawConn, destroyAll, openTls } from '../raw-tls.js'
import type { Outcome, Row, RowContext } from '../row.js'
import { type RowServer, serveFor } from '../row-server.js'
import { sleep } from '../sleep.js'
import { tally } from '../tally.js'

const seats = 50
/**
 * API Priority and Fairness (on by default, as upstream) shares the sum of both in-flight limits among its
 * levels, and a level may borrow what others lend: the server's seats are that sum, so both add up to `seats`.
 */
const mutatingSeats = 10
const flags = [
  `--max-requests-inflight=${seats - mutatingSeats}`,
  `--max-mutating-requests-inflight=${mutatingSeats}`,
  '--request-timeout=2s',
  '--authorization-mode=AlwaysAllow',
]
const maxConnections = 1_400
const openingMs = 15_000
const objects = 30
const objectBytes = 100_000
/** A heap cap, so the lists' garbage is collected and the RSS shows what is kept (buffers live outside the heap). */
const heapMiB = 256
/** RSS may grow by the heap cap plus every seat holding one 3 MB list twice (plain and encrypted), ~300 MiB, plus slack. */
const growthBoundMiB = heapMiB + 384
/** The attack stops opening connections once the server's RSS passed this (the bound has failed by then). */
const stopAtRssMiB = 3_072

/** Row 4: up to `maxConnections` connections within `openingMs`, each GETs a 3 MB list and reads nothing. */
export const unreadResponses: Row = {
  attack: `4 unread 3 MB lists ×≤${maxConnections}`,
  budgetMs: 50_000,
  run: async (ctx) => {
    const s = await serveFor(ctx, flags, { normalUser: true, nodeFlags: [`--max-old-space-size=${heapMiB}`] })
    const token = s.child.userToken ?? ''
    const made = await createObjects(s)
    const conns: RawConn[] = []
    ctx.defer(() => destroyAll(conns))
    const opened = await openUnread(ctx, s, token, conns)
    await sleep(1_000)
    const during = await tryCall(s.child, configMapsPath, { token, timeoutMs: 10_000 })
    const kernelMiB = Math.round((kernelTcpKiB() ?? 0) / 1024)
    await sleep(2_000 + 3_000)
    const after = await tryCall(s.child, configMapsPath, { token, timeoutMs: 10_000 })
    s.mon.mark('after')
    return verdict(s, {
      made,
      opened,
      during: during.status,
      after: after.status,
      afterBytes: after.body.length,
      alive: isAlive(s.child.pid),
      kernelMiB,
    })
  },
}

/** Creates the objects four at a time; a create that got no answer (a reused connection reset) is tried once more. */
const createObjects = async (s: RowServer): Promise<string> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 4, rejectUnauthorized: false })
  const create = (i: number) =>
    tryCall(s.child, configMapsPath, {
      method: 'POST',
      token: s.child.token,
      body: configMap(`faults-list-${i}`, objectBytes),
      agent,
      timeoutMs: 20_000,
    })
  const made = await Promise.all(Array.from({ length: objects }, (_, i) => create(i).then((r) => (r.status === 0 ? create(i) : r))))
  agent.destroy()
  return tally(made.map((r) => (r.status === 0 ? r.body : String(r.status))))
}

/** Opens connections 25 at a time until the count, the time, the RSS guard, or refusals stop it; says which. */
const openUnread = async (ctx: RowContext, s: RowServer, token: string, conns: RawConn[]): Promise<{ n: number; why: string }> => {
  const end = Math.min(Date.now() + openingMs, ctx.deadline - 20_000)
  while (conns.length < maxConnections) {
    if (Date.now() >= end) return { n: conns.length, why: 'time' }
    if ((rssKiB(s.child.pid) ?? 0) / 1024 > stopAtRssMiB) return { n: conns.length, why: `server RSS over ${stopAtRssMiB} MiB` }
    const batch = await Promise.all(Array.from({ length: 25 }, () => openOne(s, token).catch(() => undefined)))
    for (const b of batch) if (b !== undefined) conns.push(b)
    if (batch.every((b) => b === undefined)) return { n: conns.length, why: 'connections refused' }
  }
  return { n: conns.length, why: 'count reached' }
}

/** One connection that sends its GET and never reads a byte of the answer. */
const openOne = async (s: RowServer, token: string): Promise<RawConn> => {
  const conn = await openTls(s.child, 'http/1.1', 5_000)
  conn.socket.pause()
  conn.socket.write(`GET ${configMapsPath} HTTP/1.1\r\nHost: 127.0.0.1:${s.child.port}\r\nAuthorization: Bearer ${token}\r\n\r\n`)
  return conn
}

interface Seen {
  readonly made: string
  readonly opened: { n: number; why: string }
  readonly during: number
  readonly after: number
  readonly afterBytes: number
  readonly alive: boolean
  /** Kernel TCP buffers (system-wide) during the attack: where the unread bytes are when node handed them on. */
  readonly kernelMiB: number
}

/**
 * Held: alive, RSS within the bound, and a list answered 200 after the deadline. A paused client socket
 * does not notice the server closing it, so whether the unread ones were cut shows in the server's fds.
 */
const verdict = (s: RowServer, v: Seen): Outcome => {
  const growth = Math.round(((s.mon.peak().rssKiB ?? 0) - (s.mon.baseline.rssKiB ?? 0)) / 1024)
  return {
    held: v.alive && growth <= growthBoundMiB && v.after === 200,
    bound: `RSS +${growth} MiB (≤${growthBoundMiB}); list during ${v.during || 'none'}, after the deadline ${v.after || 'none'}; server fds after the deadline ${s.mon.at('after')?.fds ?? '?'} (${v.opened.n} unread connections open)`,
    memory: memoryCell(s.mon, 'after'),
    fds: fdCell(s.mon, 'after'),
    flags: `${s.flagText}; lists by faults-user`,
    notes: `created ${v.made}; opened ${v.opened.n} (stopped: ${v.opened.why}); kernel TCP buffers during: ${v.kernelMiB} MiB; list after ${v.afterBytes} bytes; ${v.alive ? 'alive' : 'DIED'}`,
  }
}
