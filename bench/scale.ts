// `npm run bench:scale`: does the secure chain's cost grow with RBAC bindings, registered routes, or
// open idle keep-alive connections? Each size is measured between two measurements of the "1" case, same run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rowWords } from './bench-env.js'
import { idleConnections } from './idle-companion.js'
import type { Group, Row, RowRequest } from './passes.js'
import { replaceSection } from './readme-section.js'
import { routePath } from './servers/scale-parts.js'
import { benchToken, securePath } from './servers/secure-parts.js'
import { runSuite } from './suite.js'
import { toTable } from './table.js'

const here = dirname(fileURLToPath(import.meta.url))
const server = (name: string): string => join(here, 'servers', name)
const auth = { authorization: `Bearer ${benchToken}` }
const podsRequest: RowRequest = { path: securePath, headers: auth }
const fmt = (n: number): string => n.toLocaleString('en-US')
/** "Flat within 10%": every larger size must keep 0.9 of the "1" case. */
const flat = 0.9

const rbacRow = (n: number): Row => ({
  label: `${fmt(n)} other ClusterRoleBinding${n === 1 ? '' : 's'} (+ the matching one)`,
  file: server('scale-rbac.ts'),
  request: podsRequest,
  server: { env: { SCALE_BINDINGS: String(n) } },
  ...(n > 1 ? { target: flat } : {}),
})

const routesRow = (kind: 'services' | 'mux', n: number): Row => ({
  label: `${fmt(n)} ${kind === 'services' ? 'web service' : 'exact mux route'}${n === 1 ? '' : 's'}, hitting the last`,
  file: server('scale-routes.ts'),
  request: { path: routePath(n - 1), headers: auth },
  server: { env: { SCALE_ROUTES: String(n), SCALE_KIND: kind } },
  ...(n > 1 ? { target: flat } : {}),
})

const connectionsRow = (n: number): Row => ({
  label: `${fmt(n)} idle keep-alive connection${n === 1 ? '' : 's'} open`,
  file: server('scale-connections.ts'),
  request: podsRequest,
  server: { nofile: n + 1024 },
  companion: idleConnections(n, podsRequest),
})

const sized = (name: string, row: (n: number) => Row): Group => ({ name, baseline: row(1), rows: [row(1_000), row(10_000)] })

const all: ReadonlyArray<Group> = [
  sized('RBAC bindings (secure chain)', rbacRow),
  sized('registered web services (newApiServerHandler + secure chain)', (n) => routesRow('services', n)),
  sized('registered mux routes (newApiServerHandler + secure chain)', (n) => routesRow('mux', n)),
  sized('open idle connections (serveInsecurely + secure chain)', connectionsRow),
]

/** BENCH_ROWS=rbac,connections keeps the groups whose name contains one of the words. */
const words = rowWords()
const groups = words.length === 0 ? all : all.filter((g) => words.some((w) => g.name.toLowerCase().includes(w)))

const run = await runSuite(groups, 3)
const about = [
  ...run.header,
  'Each size is measured between two measurements of its group\'s "1" case (in bold); the ratio is its req/s over their mean.',
  'Target: flat within 10% (ratio ≥ 0.9). For connections, the row names how many idle connections the helper process really',
  'held at the end (a connection the server closed is opened again); "failed" with EMFILE means the open-files limit was too low.',
].join('\n')
const report = `# kubechain scaling bench — ${run.started.toISOString()}\n\n${about}\n\n${toTable(run.results)}\n`
console.log(`\n${report}`)
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'scale.md'), report)
if (groups.length === all.length)
  replaceSection(join(here, 'README.md'), 'scale', `Latest run: ${run.started.toISOString()}. ${about}\n\n${toTable(run.results)}`)
else console.error('bench: a partial run (BENCH_ROWS); bench/README.md left as it was')
