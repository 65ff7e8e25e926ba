// Row 3: watchers that never read while a 1 MB ConfigMap is updated again and again: the server must keep
// its memory bounded, stay alive, and close the watchers that cannot keep up.
import { Agent } from 'node:https'
import { configMap, configMapsPath } from '../configmaps.js'
import { tryCall } from '../https-call.js'
import { fdCell, memoryCell } from '../monitor.js'
import { isAlive } from '../proc-stats.js'
import { type RawConn, destroyAll, drainToEnd, openTls, readHead } from '../raw-tls.js'
import type { Outcome, Row, RowContext } from '../row.js'
import { type RowServer, serveFor } from '../row-server.js'
import { sleep } from '../sleep.js'
import { tally } from '../tally.js'

const watchers = 5
const updates = 700
const objectBytes = 1_000_000
/**
 * The server runs with a 512 MiB heap: far above what the store's history (at most 64 MiB of objects)
 * and five bounded watchers need, so it only dies if something grows without bound (before the fix, ~6 MB
 * an update), and V8 collects the 1 MB request bodies' garbage instead of letting the heap grow into a
 * larger cap, which would make the peak RSS measure garbage rather than what is kept.
 */
const heapMiB = 512
const nodeFlags = [`--max-old-space-size=${heapMiB}`]
/** RSS may grow by the heap cap plus this much (buffers outside the heap: sockets, TLS). */
const slackMiB = 128

/** Row 3: `watchers` stalled watches, then up to `updates` PUTs of a 1 MB ConfigMap (fewer if the budget ends first). */
export const stalledWatchers: Row = {
  attack: `3 stalled watchers ×${watchers}, ${updates} updates of 1 MB`,
  budgetMs: 60_000,
  run: async (ctx) => {
    const s = await serveFor(ctx, [], { nodeFlags })
    const put = (i: number) =>
      tryCall(s.child, `${configMapsPath}/faults-big`, { method: 'PUT', token: s.child.token, body: big(i), agent, timeoutMs: 20_000 })
    const agent = new Agent({ keepAlive: true, maxSockets: 2, rejectUnauthorized: false })
    ctx.defer(() => agent.destroy())
    const created = await tryCall(s.child, configMapsPath, { method: 'POST', token: s.child.token, body: big(0), timeoutMs: 20_000 })
    const watches = await openWatches(ctx, s)
    const done = await updateMany(ctx, s, put)
    await sleep(1_000)
    s.mon.mark('after')
    const alive = isAlive(s.child.pid)
    const readyz = alive ? (await tryCall(s.child, '/readyz')).status : 0
    const ended = await Promise.all(watches.map((w) => drainToEnd(w, 8_000)))
    return verdict(s, { created: created.status, done, alive, readyz, ended })
  },
}

/** The ConfigMap with a first byte that differs per update, so every PUT is a change. */
const big = (i: number): string => configMap('faults-big', objectBytes).replace('"k0":"x', `"k0":"${String.fromCharCode(97 + (i % 26))}`)

const openWatches = async (ctx: RowContext, s: RowServer): Promise<RawConn[]> => {
  const conns: RawConn[] = []
  ctx.defer(() => destroyAll(conns))
  for (let i = 0; i < watchers; i++) {
    const c = await openTls(s.child, 'http/1.1')
    conns.push(c)
    c.socket.write(
      `GET ${configMapsPath}?watch=true HTTP/1.1\r\nHost: 127.0.0.1:${s.child.port}\r\nAuthorization: Bearer ${s.child.token}\r\n\r\n`,
    )
    const head = await readHead(c, 5_000, true)
    if (head?.status !== 200) throw new Error(`expected watch ${i} to answer 200, got ${head?.status ?? 'nothing'}`)
  }
  return conns
}

/** PUTs, two at a time, until `updates` were sent, the server died, or 12 s of the budget are left. */
const updateMany = async (
  ctx: RowContext,
  s: RowServer,
  put: (i: number) => Promise<{ status: number }>,
): Promise<{ sent: number; statuses: string }> => {
  const statuses: string[] = []
  let next = 1
  const lane = async (): Promise<void> => {
    while (next <= updates && Date.now() < ctx.deadline - 12_000 && isAlive(s.child.pid)) statuses.push(String((await put(next++)).status))
  }
  await Promise.all([lane(), lane()])
  return { sent: statuses.length, statuses: tally(statuses) }
}

interface Seen {
  readonly created: number
  readonly done: { sent: number; statuses: string }
  readonly alive: boolean
  readonly readyz: number
  readonly ended: ReadonlyArray<boolean>
}

const verdict = (s: RowServer, v: Seen): Outcome => {
  const growth = Math.round(((s.mon.peak().rssKiB ?? 0) - (s.mon.baseline.rssKiB ?? 0)) / 1024)
  const bound = heapMiB + slackMiB
  const closed = v.ended.filter(Boolean).length
  return {
    held: v.created === 201 && v.alive && v.readyz === 200 && growth <= bound && closed === watchers,
    bound: `${v.alive ? 'alive' : 'DIED'}; RSS +${growth} MiB (≤${bound}: heap cap + ${slackMiB}); watchers closed ${closed}/${watchers}; readyz ${v.readyz || 'none'}`,
    memory: memoryCell(s.mon, 'after'),
    fds: fdCell(s.mon, 'after'),
    flags: s.flagText,
    notes: `create ${v.created}; ${v.done.sent} of ${updates} updates sent (${v.done.statuses})${v.alive ? '' : `; server stderr: ${s.child.stderr().slice(-300)}`}`,
  }
}
