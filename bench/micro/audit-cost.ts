// Micro bench: what audit at level Metadata costs per request in process. The secure chain with audit
// None and the same chain with a Metadata policy for every request, whose events go to the log backend (a
// file in the temp dir) behind the batching backend with the throttle off (the loopback row
// "secure chain, audit Metadata"), each measured against bare node:http on the in-process rig
// (`loop-socket-rig.ts`: node:http's parser and writer on in-memory sockets). Rows of one process carry
// their own JIT decisions, so each figure is the median over several processes, each the median of its
// rounds (rows alternating in order), as `bench/ab-builds.ts` does. A round is timed in CPU time
// (`process.cpuUsage`, user + system: the kernel's share of the audit log's writes included), so other
// programs sharing the core lengthen the wall time of a round but not its cost.
// Run alone (after `npx tsc -p tsconfig.bench.json`):
//   node .bench-build/bench/micro/audit-cost.js [processes=8] [build ...]
// With builds (`.bench-build` directories, e.g. a base work tree's), the processes alternate between
// them and each build gets its own line: before and after a change in one table.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import type { RequestListener } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const rounds = 15
const requestsPerRound = 10_000
const connections = 50

/** One process's figures: µs per request over bare node:http, medians of its rounds. */
interface Sample {
  readonly bareUs: number
  readonly noneUs: number
  readonly metadataUs: number
}

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0

/** Child: measures bare, audit None and audit Metadata of the build in AUDIT_COST_BUILD and prints a Sample as JSON. */
const child = async (build: string): Promise<void> => {
  const from = (path: string): Promise<Record<string, unknown>> => import(`${build}/${path}`) as Promise<Record<string, unknown>>
  // biome-ignore lint/suspicious/noExplicitAny: the build may be older than this file; its modules are used as far as this file needs
  type Any = any
  const chains: Any = await from('src/chains/index.js')
  const audit: Any = await from('src/audit/index.js')
  const core: Any = await from('src/core/index.js')
  const serve: Any = await from('src/serve/index.js')
  const rig: Any = await from('bench/loop-socket-rig.js')
  const hello = (await from('bench/servers/hello-server.js'))['hello']
  const bareHello = (await from('bench/servers/bare-hello.js'))['bareHello'] as RequestListener
  const parts: Any = await from('bench/servers/secure-parts.js')

  const dir = mkdtempSync(join(tmpdir(), 'kubechain-audit-cost-'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  const policy = audit.parsePolicy('{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"Metadata"}]}')
  if (policy._tag !== 'Right') throw new Error('audit policy does not parse')
  const log = audit.logBackend(
    { ...audit.logBackendDefaults, path: join(dir, 'audit.log'), maxSizeMB: 50, maxBackups: 1 },
    core.defaultDeps,
  )
  const backend = audit.bufferedBackend({ ...audit.batchDefaults, throttleEnable: false }, log, core.defaultDeps)
  const secure = (extra: object): RequestListener =>
    serve.toNodeListener(
      chains.buildSecureHandlerChain(hello, chains.standaloneContext(), parts.defaultConfig(), { ...parts.secureParts(), ...extra }),
    )
  const listeners = [bareHello, secure({}), secure({ audit: { backend, policy: audit.policyEvaluator(policy.right) } })]
  const request = rig.benchRequest(parts.securePath, parts.benchToken)
  const runs: Array<(n: number) => Promise<number>> = listeners.map((l) => rig.loopSocketRig(l, request, connections))
  for (const run of runs) for (let w = 0; w < 2; w++) await run(requestsPerRound)

  const us: number[][] = [[], [], []]
  let failures = 0
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runs.length; k++) {
      const i = (k + r) % runs.length
      const t0 = process.cpuUsage()
      failures += (await runs[i]?.(requestsPerRound)) ?? 0
      const t = process.cpuUsage(t0)
      us[i]?.push((t.user + t.system) / requestsPerRound)
    }
  }
  await backend.shutdown()
  if (failures > 0) throw new Error(`${failures} requests were not answered 200`)
  const bare = us[0] ?? []
  const over = (i: number): number => median((us[i] ?? []).map((x, r) => x - (bare[r] ?? 0)))
  const sample: Sample = { bareUs: median(bare), noneUs: over(1), metadataUs: over(2) }
  console.log(JSON.stringify(sample))
}

/** Parent: runs `processes` children, alternating between `builds`, and prints a table of medians with their spread. */
const parent = (processes: number, builds: ReadonlyArray<string>): void => {
  const samples = builds.map((): Sample[] => [])
  for (let p = 0; p < processes; p++) {
    for (let j = 0; j < builds.length; j++) {
      const b = (j + p) % builds.length
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
        env: { ...process.env, AUDIT_COST_BUILD: resolve(builds[b] ?? '') },
        encoding: 'utf8',
      })
      samples[b]?.push(JSON.parse(out.trim()) as Sample)
    }
    console.error(`process ${p + 1}/${processes} of each build done`)
  }
  const fmt = (xs: ReadonlyArray<number>): string =>
    `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`
  console.log(
    `audit cost: secure chain with audit None and with audit Metadata to the log backend (batching, throttle off), ${connections} connections, median over ${processes} processes of each one's median of ${rounds} rounds of ${requestsPerRound} requests; in brackets the lowest and highest process`,
  )
  console.log(
    '| build | bare node:http µs | audit None, µs over bare | audit Metadata, µs over bare | audit µs (Metadata − None) | Metadata / None throughput |',
  )
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const [b, build] of builds.entries()) {
    const s = samples[b] ?? []
    const audit = s.map((x) => x.metadataUs - x.noneUs)
    const ratio = s.map((x) => (x.bareUs + x.noneUs) / (x.bareUs + x.metadataUs))
    console.log(
      `| ${build} | ${fmt(s.map((x) => x.bareUs))} | ${fmt(s.map((x) => x.noneUs))} | ${fmt(s.map((x) => x.metadataUs))} | ${fmt(audit)} | ${fmt(ratio)} |`,
    )
  }
}

const build = process.env['AUDIT_COST_BUILD']
if (build !== undefined) await child(build)
else {
  const [processesArg, ...builds] = process.argv.slice(2)
  parent(Number(processesArg ?? 8), builds.length === 0 ? [resolve(here, '../..')] : builds)
}
