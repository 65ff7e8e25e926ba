// The passes of a suite: rows come in groups, and each row is measured between two measurements of its
// group's baseline (bare node:http, bare https, bare http2, or a scaling case's "1").
import { type LoadSettings, type Sample, measure } from './measure.js'
import { type ServerOptions, type ServerProcess, startServer } from './server-process.js'

/** How a row is loaded: plain HTTP/1.1 and HTTPS by autocannon, HTTP/2 by h2load. */
export type Protocol = 'http' | 'https' | 'h2'

/** Something started next to a row's server and stopped with it (e.g. a process holding idle connections). */
export interface Companion {
  /** A line for the report (e.g. how many connections it really holds), or `undefined`. */
  note(): string | undefined
  stop(): Promise<void>
}

/** A row: its label and the server program that serves it. */
export interface Row {
  readonly label: string
  readonly file: string
  /** `http` when left out. */
  readonly protocol?: Protocol
  /** What the load generator asks for; `GET /` without headers when left out. */
  readonly request?: RowRequest
  /** Environment and open-files limit of the server process. */
  readonly server?: ServerOptions
  /** Started once the server listens, stopped before it is. */
  readonly companion?: (server: ServerProcess) => Promise<Companion>
  /** The ratio to the baseline this row must keep (median of passes), if it has a bar to clear. */
  readonly target?: number
}

/** A baseline and the rows measured against it. */
export interface Group {
  readonly name: string
  readonly baseline: Row
  readonly rows: ReadonlyArray<Row>
}

/** The request a row is loaded with. */
export interface RowRequest {
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
}

/** A row's samples and, per sample, its ratio to its baseline measured just before and just after it. */
export interface RowResult {
  readonly label: string
  readonly group: string
  readonly baseline: boolean
  readonly samples: ReadonlyArray<Sample>
  readonly ratios: ReadonlyArray<number>
  readonly cpuRatios: ReadonlyArray<number>
  /** Companion notes, distinct, in order. */
  readonly notes: ReadonlyArray<string>
  readonly target: number | undefined
}

/** How passes run, besides the load settings. */
export interface PassOptions {
  readonly passes: number
  /** The core servers are pinned to, or `undefined`. */
  readonly serverCpu: number | undefined
  /** Called before each measurement (to wait for a quiet machine). */
  readonly before: () => Promise<void>
  /** Called after each measurement; `retry` is true when it is thrown away and measured again. */
  readonly after: (row: Row, pass: number, s: Sample, retry: boolean) => void
  /** True when other programs disturbed a measurement; it is then measured again, at most `retries` times. */
  readonly disturbed: (s: Sample) => boolean
  /** Called when a measurement failed (the load generator exited with an error); it is measured again, at most `retries` times. */
  readonly failed: (row: Row, pass: number, e: unknown) => void
  readonly retries: number
}

interface Acc {
  samples: Sample[]
  ratios: number[]
  cpuRatios: number[]
  notes: Set<string>
}

interface Started {
  readonly server: ServerProcess
  readonly companion: Companion | undefined
}

/**
 * Runs `passes` passes over every group. In a pass, a group starts all its servers (idle ones cost
 * nothing), then measures baseline, row, baseline, row, ..., baseline, so each row is compared with the
 * mean of the baselines on either side of it: the machine's speed drifts over tens of seconds, and this
 * keeps ratios local in time. Pass p starts each group at its row p, so no row always comes first.
 */
export const runPasses = async (groups: ReadonlyArray<Group>, s: LoadSettings, o: PassOptions): Promise<ReadonlyArray<RowResult>> => {
  const accs = groups.map((g) => [g.baseline, ...g.rows].map((): Acc => ({ samples: [], ratios: [], cpuRatios: [], notes: new Set() })))
  for (let p = 0; p < o.passes; p++) {
    for (const [gi, g] of groups.entries()) await groupPass(g, accs[gi]!, s, o, p)
  }
  return groups.flatMap((g, gi) =>
    [g.baseline, ...g.rows].map((r, i) => {
      const a = accs[gi]![i]!
      const ratios = i === 0 ? { ratios: [1], cpuRatios: [1] } : {}
      return {
        label: r.label,
        group: g.name,
        baseline: i === 0,
        samples: a.samples,
        ratios: a.ratios,
        cpuRatios: a.cpuRatios,
        notes: [...a.notes],
        target: r.target,
        ...ratios,
      }
    }),
  )
}

const groupPass = async (g: Group, acc: ReadonlyArray<Acc>, s: LoadSettings, o: PassOptions, p: number): Promise<void> => {
  const rows = [g.baseline, ...g.rows]
  const started = await startAll(rows, o.serverCpu)
  const sample = async (i: number): Promise<Sample> => {
    for (let attempt = 0; ; attempt++) {
      await o.before()
      let x: Sample
      try {
        x = await measure(started[i]!.server, s, rows[i]!.protocol, rows[i]!.request)
      } catch (e) {
        if (attempt >= o.retries) throw e
        o.failed(rows[i]!, p, e)
        continue
      }
      const retry = attempt < o.retries && o.disturbed(x)
      o.after(rows[i]!, p, x, retry)
      if (retry) continue
      acc[i]!.samples.push(x)
      return x
    }
  }
  try {
    let prev = await sample(0)
    for (const i of rotated(g.rows.length, p).map((k) => k + 1)) {
      const x = await sample(i)
      const next = await sample(0)
      acc[i]!.ratios.push(x.rps / mean(prev.rps, next.rps))
      acc[i]!.cpuRatios.push(perCpu(x) / mean(perCpu(prev), perCpu(next)))
      prev = next
    }
    started.forEach((st, i) => noteOf(st, acc[i]!))
  } finally {
    await stopAll(started)
  }
}

const startAll = async (rows: ReadonlyArray<Row>, cpu: number | undefined): Promise<ReadonlyArray<Started>> => {
  const servers = await Promise.all(rows.map((r) => startServer(r.file, cpu, r.server)))
  const started: Started[] = []
  try {
    for (const [i, r] of rows.entries())
      started.push({ server: servers[i]!, companion: r.companion ? await r.companion(servers[i]!) : undefined })
  } catch (e) {
    await stopAll([...started, ...servers.slice(started.length).map((server) => ({ server, companion: undefined }))])
    throw e
  }
  return started
}

const stopAll = async (started: ReadonlyArray<Started>): Promise<void> => {
  await Promise.all(started.map((st) => st.companion?.stop()))
  await Promise.all(started.map((st) => st.server.stop()))
}

const noteOf = (st: Started, acc: Acc): void => {
  const note = st.companion?.note()
  if (note !== undefined) acc.notes.add(note)
}

/** 0..n-1 starting at p mod n. */
const rotated = (n: number, p: number): number[] => Array.from({ length: n }, (_, k) => (k + p) % n)

const mean = (a: number, b: number): number => (a + b) / 2

/** Requests per second of server CPU (NaN when unknown). */
const perCpu = (x: Sample): number => (x.serverCpu === undefined || x.serverCpu <= 0 ? NaN : x.rps / x.serverCpu)
