// The fairness run of issue 23: a heavy client floods `kubechain serve` with concurrent slow LISTs while a
// light client sends one GET at a time; prints the light client's latency unloaded vs loaded and what the
// heavy one got. Not part of `npm test`. Run: node --import tsx bench/apf-fairness.ts [--json]
//   --mode=apf|max-inflight (default apf)  --inflight=N (default 4, both in-flight limits)
//   --objects=N (2000) --bytes=N (1024) --heavy=N (64 concurrent LISTs) --seconds=N (10) --samples=N (200)
//   --queue-length-limit=N (5; with --mode=apf a file replaces level global-default by upstream's spec with
//     this queue length, so the heavy flow's overflow is rejected; 0 keeps upstream's 50)
//   --flowcontrol-config-file=PATH (passed on with --mode=apf instead)
//   --retry-after: the heavy client waits the Retry-After of a 429 (as client-go does) instead of asking again at once
// Everything runs on 127.0.0.1 and ends within a minute (a watchdog kills the server and exits 2).
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { agent, percentile, statuses, type Timed, timed } from './apf-fairness/client.js'
import { type Served, serve } from './apf-fairness/serve.js'

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback
const num = (name: string, fallback: number): number => Number(arg(name, String(fallback)))

const o = {
  json: process.argv.includes('--json'),
  retryAfter: process.argv.includes('--retry-after'),
  mode: arg('mode', 'apf'),
  inflight: num('inflight', 4),
  objects: num('objects', 2000),
  bytes: num('bytes', 1024),
  heavy: num('heavy', 64),
  seconds: num('seconds', 10),
  samples: num('samples', 200),
  flowcontrolFile: arg('flowcontrol-config-file', ''),
  queueLengthLimit: num('queue-length-limit', 5),
}
const path = '/api/v1/namespaces/default/configmaps'
const limits = [`--max-requests-inflight=${o.inflight}`, `--max-mutating-requests-inflight=${o.inflight}`]

/** Upstream's suggested `global-default` level (20 shares, 50 % lendable, 128 queues, hand of 6) with a shorter queue. */
const shortQueuesFile = join(tmpdir(), `kubechain-apf-fairness-${process.pid}.json`)
const shortQueues = (queueLengthLimit: number): string => {
  const queuing = { queues: 128, handSize: 6, queueLengthLimit }
  const limited = { nominalConcurrencyShares: 20, lendablePercent: 50, limitResponse: { type: 'Queue', queuing } }
  const level = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'global-default' } }
  writeFileSync(shortQueuesFile, JSON.stringify({ ...level, spec: { type: 'Limited', limited } }))
  return shortQueuesFile
}

const flowcontrolFile = (): string =>
  o.flowcontrolFile !== '' ? o.flowcontrolFile : o.queueLengthLimit > 0 ? shortQueues(o.queueLengthLimit) : ''

/** The serve flags of the mode; max-in-flight on a build without the APF flag drops it. */
const flagsFor = (withApfFlag: boolean): string[] => {
  if (o.mode !== 'apf') return [...limits, ...(withApfFlag ? ['--enable-priority-and-fairness=false'] : [])]
  const file = flowcontrolFile()
  return [...limits, '--enable-priority-and-fairness=true', ...(file === '' ? [] : [`--flowcontrol-config-file=${file}`])]
}

/** The server of the run, for the watchdog to kill. */
let current: Served | undefined

const start = async (): Promise<{ served: Served; flags: string[] }> => {
  try {
    const flags = flagsFor(true)
    current = await serve(flags)
    return { served: current, flags }
  } catch (e) {
    const unknown = String(e).includes('enable-priority-and-fairness')
    if (!unknown) throw e
    if (o.mode === 'apf')
      throw new Error('this build has no --enable-priority-and-fairness (the filter comes with branch apf-filter); try --mode=max-inflight')
    const flags = flagsFor(false)
    current = await serve(flags)
    return { served: current, flags }
  }
}

/** Creates the ConfigMaps as the admin (exempt from every limit), 16 at a time. */
const fill = async (s: Served): Promise<void> => {
  const a = agent(16)
  const data = 'x'.repeat(o.bytes)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < o.objects; i = next++) {
      const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { k0: data } })
      const r = await timed(s.port, a, s.tokens.admin, path, body)
      if (r.status !== 201) throw new Error(`creating cm-${i} answered ${r.status}`)
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  a.destroy()
}

/** The light client: one GET at a time until `until` (ms, performance clock) or `max` requests. */
const lightLoop = async (s: Served, until: number, max: number): Promise<Timed[]> => {
  const a = agent(1)
  const out: Timed[] = []
  while (performance.now() < until && out.length < max) out.push(await timed(s.port, a, s.tokens.light, `${path}/cm-0`))
  a.destroy()
  return out
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The heavy client: `o.heavy` loops of LIST until `until`; after a 429 the next LIST goes at once, or after Retry-After. */
const heavyLoops = async (s: Served, until: number): Promise<Timed[]> => {
  const a = agent(o.heavy)
  const out: Timed[] = []
  const loop = async () => {
    while (performance.now() < until) {
      const r = await timed(s.port, a, s.tokens.heavy, path)
      out.push(r)
      if (o.retryAfter && r.status === 429) await sleep(Math.max(0, Math.min(r.retryAfter * 1000, until - performance.now())))
    }
  }
  await Promise.all(Array.from({ length: o.heavy }, loop))
  a.destroy()
  return out
}

const summary = (xs: ReadonlyArray<Timed>) => {
  const ok = xs.filter((x) => x.status === 200).map((x) => x.ms)
  return { requests: xs.length, p50Ms: percentile(ok, 50), p99Ms: percentile(ok, 99), statuses: statuses(xs) }
}

const run = async () => {
  const { served, flags } = await start()
  try {
    await fill(served)
    const lists: Timed[] = []
    const one = agent(1)
    for (let i = 0; i < 5; i++) lists.push(await timed(served.port, one, served.tokens.heavy, path))
    one.destroy()
    const listP50Ms = percentile(
      lists.map((l) => l.ms),
      50,
    )
    const unloaded = await lightLoop(served, performance.now() + 5_000, o.samples)
    const until = performance.now() + o.seconds * 1000
    const [heavy, loaded] = await Promise.all([heavyLoops(served, until), lightLoop(served, until, Number.POSITIVE_INFINITY)])
    const light = { unloaded: summary(unloaded), loaded: summary(loaded) }
    return {
      mode: o.mode,
      flags,
      objects: o.objects,
      bytes: o.bytes,
      listP50Ms,
      light: {
        ...light,
        p50Ratio: light.loaded.p50Ms / light.unloaded.p50Ms,
        p99Ratio: light.loaded.p99Ms / light.unloaded.p99Ms,
        // A light request may wait for a running LIST to end (no preemption): its p99 in LISTs says how many.
        p99InLists: light.loaded.p99Ms / listP50Ms,
      },
      heavy: { concurrency: o.heavy, seconds: o.seconds, honorsRetryAfter: o.retryAfter, ...summary(heavy) },
    }
  } finally {
    await served.stop()
    rmSync(shortQueuesFile, { force: true })
  }
}

type Result = Awaited<ReturnType<typeof run>>

const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '-')
const counts = (m: Record<string, number>): string =>
  Object.entries(m)
    .map(([k, n]) => `${k === '0' ? 'no answer' : k}×${n}`)
    .join(', ')

const table = (r: Result): string =>
  [
    `kubechain serve ${r.flags.join(' ')}`,
    `${r.objects} ConfigMaps of ${r.bytes} B; one unloaded LIST takes ${f(r.listP50Ms)} ms (p50 of 5)`,
    '',
    '| light client (GET, 1 at a time) | requests | p50 ms | p99 ms | statuses |',
    '|---|---:|---:|---:|---|',
    `| unloaded | ${r.light.unloaded.requests} | ${f(r.light.unloaded.p50Ms)} | ${f(r.light.unloaded.p99Ms)} | ${counts(r.light.unloaded.statuses)} |`,
    `| loaded (${r.heavy.concurrency} LISTs in flight) | ${r.light.loaded.requests} | ${f(r.light.loaded.p50Ms)} | ${f(r.light.loaded.p99Ms)} | ${counts(r.light.loaded.statuses)} |`,
    `| loaded / unloaded | | ×${f(r.light.p50Ratio)} | ×${f(r.light.p99Ratio)} | |`,
    `| loaded p99 / one LIST | | | ×${f(r.light.p99InLists)} | |`,
    '',
    `heavy client${r.heavy.honorsRetryAfter ? ' (waits Retry-After)' : ''}: ${r.heavy.requests} LISTs answered in ${r.heavy.seconds} s (${counts(r.heavy.statuses)}); p50 of 200s ${f(r.heavy.p50Ms)} ms`,
  ].join('\n')

const watchdog = setTimeout(() => {
  console.error('apf-fairness: over 60 s, giving up')
  current?.kill()
  process.exit(2)
}, 60_000)

run().then(
  (r) => {
    clearTimeout(watchdog)
    console.log(o.json ? JSON.stringify(r, null, 2) : table(r))
  },
  (e: unknown) => {
    clearTimeout(watchdog)
    console.error(`apf-fairness: ${e instanceof Error ? e.message : String(e)}`)
    process.exitCode = 1
  },
)
