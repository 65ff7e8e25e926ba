// One attack of the fault suite: run it within its own time budget, always clean up, and say what held.

/** What a row reports in the table. */
export interface Outcome {
  /** Whether the stated bound held. */
  readonly held: boolean
  /** The bound as measured ("504+close 25/25; write after: 201"). */
  readonly bound: string
  /** Server RSS `base→peak/after` (see monitor.ts), or '-'. */
  readonly memory: string
  /** Server fds `base/peak/after`, or '-'. */
  readonly fds: string
  /** The flags the server ran with beyond loopback, port and cert dir. */
  readonly flags: string
  /** Anything else worth reading when the row failed. */
  readonly notes?: string
}

/** What a row is handed: its deadline's signal, and a place to register cleanups. */
export interface RowContext {
  /** Aborted when the row's budget is spent; a row checks it between steps and stops early. */
  readonly signal: AbortSignal
  /** The time (Date.now()) at which the budget is spent. */
  readonly deadline: number
  /** Registers a cleanup; all run in reverse order when the row ends, however it ends. */
  defer(cleanup: () => unknown): void
  /** A progress line on stderr. */
  log(msg: string): void
}

/** One attack. */
export interface Row {
  readonly attack: string
  readonly budgetMs: number
  /** Runs beside the other rows from the start of the suite (it mostly waits), instead of in turn. */
  readonly beside?: boolean
  run(ctx: RowContext): Promise<Outcome>
}

/** A row's line in the table. */
export interface RowResult extends Outcome {
  readonly attack: string
  readonly seconds: number
}

/**
 * Runs `row` within `budgetMs` (its own budget unless the suite has less left); a throw, a spent budget or
 * the suite's `stop` is a FAILED line that says so. Cleanups always run.
 */
export const runRow = async (row: Row, budgetMs: number, stop: AbortSignal): Promise<RowResult> => {
  const started = Date.now()
  const ac = new AbortController()
  const cleanups: Array<() => unknown> = []
  const ctx: RowContext = {
    signal: ac.signal,
    deadline: started + budgetMs,
    defer: (c) => void cleanups.push(c),
    log: (msg) => process.stderr.write(`faults: ${row.attack}: ${msg}\n`),
  }
  let timer: NodeJS.Timeout | undefined
  let onStop: (() => void) | undefined
  const spent = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve(failed(`budget of ${budgetMs / 1000} s spent`)), budgetMs)
    onStop = () => resolve(failed('suite stopped'))
    stop.addEventListener('abort', onStop, { once: true })
  })
  const outcome = await Promise.race([
    row.run(ctx).catch((e: unknown) => failed(`error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 400))),
    spent,
  ])
  clearTimeout(timer)
  if (onStop !== undefined) stop.removeEventListener('abort', onStop)
  ac.abort()
  for (const c of cleanups.reverse())
    await Promise.resolve()
      .then(c)
      .catch(() => undefined)
  return { attack: row.attack, seconds: Math.round((Date.now() - started) / 100) / 10, ...outcome }
}

const failed = (why: string): Outcome => ({ held: false, bound: why, memory: '-', fds: '-', flags: '-' })
