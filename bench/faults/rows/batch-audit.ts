// Row 5: every answered request leaves one ResponseComplete audit event, in batch and blocking mode, after
// a graceful stop under load; and a SIGKILL at low load loses at most what the last moment buffered.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:https'
import { join } from 'node:path'
import { configMapsPath } from '../configmaps.js'
import { call, errorCode } from '../https-call.js'
import { fdCell, memoryCell } from '../monitor.js'
import type { Outcome, Row, RowContext } from '../row.js'
import { type RowServer, serveFor } from '../row-server.js'
import { tmpDir } from '../serve-child.js'
import { sleep } from '../sleep.js'
import { tally } from '../tally.js'

const connections = 16
const loadMs = 3_000

/** Row 5a/5b: 16 keep-alive connections of lists for 3 s, SIGTERM while they run, then count the log. */
export const gracefulAudit = (mode: 'batch' | 'blocking'): Row => ({
  attack: `5${mode === 'batch' ? 'a' : 'b'} audit ${mode}: SIGTERM under load (${connections} connections)`,
  budgetMs: 40_000,
  run: async (ctx) => {
    const a = auditFiles(ctx, mode)
    const s = await serveFor(ctx, a.flags)
    const stopAt = Date.now() + loadMs
    const loads = Array.from({ length: connections }, (_, n) => loadLoop(s, n, ctx.deadline - 15_000, stopAt))
    await sleep(loadMs)
    s.mon.mark('after')
    const exit = s.child.stop('SIGTERM', 15_000)
    const records = await Promise.all(loads)
    const e = await exit
    const answered = records.flatMap((r) => r.answered)
    const logged = responseCompleteIds(a.log, 'faults-audit-')
    return graceful(
      s,
      answered,
      records.flatMap((r) => r.failures),
      logged,
      e === undefined ? 'no exit in 15 s' : `exit ${e.code ?? e.signal}`,
    )
  },
})

/** Row 5c: 50 requests one after another in batch mode, a 1 s pause, then SIGKILL; how many are on disk. */
export const killedAudit: Row = {
  attack: '5c audit batch: SIGKILL after 50 requests and a 1 s pause',
  budgetMs: 30_000,
  run: async (ctx) => {
    const a = auditFiles(ctx, 'batch')
    const s = await serveFor(ctx, a.flags)
    const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false })
    ctx.defer(() => agent.destroy())
    let answered = 0
    for (let i = 0; i < 50; i++)
      answered += await call(s.child, configMapsPath, { token: s.child.token, headers: { 'audit-id': `faults-kill-${i}` }, agent }).then(
        () => 1,
        () => 0,
      )
    await sleep(1_000)
    s.mon.mark('after')
    await s.child.stop('SIGKILL')
    const onDisk = responseCompleteIds(a.log, 'faults-kill-').size
    return {
      held: answered === 50 && onDisk === 50,
      bound: `${onDisk} of ${answered} answered on disk after SIGKILL`,
      memory: memoryCell(s.mon, 'after'),
      fds: fdCell(s.mon, 'after'),
      flags: s.flagText.replace(/--audit-(log-path|policy-file)=\S+/g, '--audit-$1=…'),
    }
  },
}

/** A Metadata policy and a log path in a fresh directory (removed when the row ends), and the flags naming them. */
const auditFiles = (ctx: RowContext, mode: string): { log: string; flags: string[] } => {
  const dir = tmpDir('audit')
  ctx.defer(() => rmSync(dir, { recursive: true, force: true }))
  const policy = join(dir, 'policy.yaml')
  writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n')
  const log = join(dir, 'audit.log')
  return { log, flags: [`--audit-log-mode=${mode}`, `--audit-log-path=${log}`, `--audit-policy-file=${policy}`] }
}

interface LoadRecord {
  readonly answered: string[]
  readonly failures: string[]
}

/** Lists on one keep-alive connection, a unique Audit-ID each, until `stopAt`, a refused connection, or `hardStop`. */
const loadLoop = async (s: RowServer, n: number, hardStop: number, stopAt: number): Promise<LoadRecord> => {
  const rec: LoadRecord = { answered: [], failures: [] }
  const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false })
  for (let i = 0; Date.now() < hardStop; i++) {
    const id = `faults-audit-${n}-${i}`
    const r = await call(s.child, configMapsPath, { token: s.child.token, headers: { 'audit-id': id }, agent }).catch((e: unknown) =>
      errorCode(e),
    )
    if (typeof r === 'string') rec.failures.push(r)
    else rec.answered.push(`${id} ${r.status}`)
    if (r === 'ECONNREFUSED' || (Date.now() > stopAt && typeof r === 'string')) break
  }
  agent.destroy()
  return rec
}

/** The audit IDs of ResponseComplete events that start with `prefix`, each once (a repeat is reported apart). */
const responseCompleteIds = (log: string, prefix: string): Map<string, number> => {
  const ids = new Map<string, number>()
  let text = ''
  try {
    text = readFileSync(log, 'utf8')
  } catch {
    return ids
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"ResponseComplete"')) continue
    const id = /"auditID":"([^"]*)"/.exec(line)?.[1] ?? ''
    if (id.startsWith(prefix)) ids.set(id, (ids.get(id) ?? 0) + 1)
  }
  return ids
}

const graceful = (
  s: RowServer,
  answered: ReadonlyArray<string>,
  failures: ReadonlyArray<string>,
  logged: Map<string, number>,
  exit: string,
): Outcome => {
  const missing = answered.filter((a) => !logged.has(a.split(' ')[0] ?? ''))
  const twice = [...logged.values()].filter((c) => c > 1).length
  const events = [...logged.values()].reduce((x, y) => x + y, 0)
  return {
    held: missing.length === 0 && events === answered.length && exit === 'exit 0',
    bound: `ResponseComplete ${events} = answered ${answered.length}? missing ${missing.length}, logged twice ${twice}; ${exit}`,
    memory: memoryCell(s.mon, 'after'),
    fds: fdCell(s.mon, 'after'),
    flags: s.flagText.replace(/--audit-(log-path|policy-file)=\S+/g, '--audit-$1=…'),
    notes: `answers ${tally(answered.map((a) => a.split(' ')[1] ?? ''))}; no answer: ${tally(failures) || 'none'}`,
  }
}
