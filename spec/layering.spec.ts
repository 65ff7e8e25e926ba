import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

// The layers of src/, low to high: a file may import from its own layer and the layers below it, never
// from one above. This list is the one place the order is written; README's Layout points here.
// - internal: pure helpers and ports of Go behaviour (regexp, durations); importable by all, never exported
// - core: the request contract, attributes, Status, body reading
// - sync: concurrency primitives (latch, lifecycle signals, wait groups, seats, token bucket, deadline queue)
// - request: RequestInfo, long-running classifier, request facts and warnings
// - metrics: the Prometheus series and their recorders (prom-client), which auth, audit, filters and serve record into
// - auth, audit: the decisions and records the security filters consult (audit events carry the user)
// - flowcontrol: API Priority and Fairness (its kinds and configuration, classification by User and RequestInfo, queueing)
// - filters: one file per filter
// - serve: node adapters and serving (effects)
// - express, fastify: a chain in front of those frameworks' own routes (entry points of their own, not in the root: fastify's module augmentation needs fastify)
// - config: the decoded server config, whose validators are the filters' and serving's
// - chains: the filter chains as data, built from config
// - director, endpoints: routing, and the API machinery handlers share
// - lifecycle: signals, hooks, health, run (it serves through serve and routes through director)
// - example-api: the API `kubechain serve` serves
// - cli: the `kubechain` command
// - root: src/index.ts, the package root
const layers = [
  'internal',
  'core',
  'sync',
  'request',
  'metrics',
  'auth',
  'audit',
  'flowcontrol',
  'filters',
  'serve',
  'express',
  'fastify',
  'config',
  'chains',
  'director',
  'endpoints',
  'lifecycle',
  'example-api',
  'cli',
  'root',
] as const

/** Imports allowed against the order, each with its reason. Each must still be used (a stale one fails). */
const exceptions: ReadonlyArray<{ readonly from: string; readonly to: string; readonly why: string }> = [
  {
    from: 'auth/',
    to: 'config/problems.ts',
    why: "the RBAC file loaders report with config's one error reporter (Problem, ConfigError); problems.ts imports nothing from src, so this adds no cycle",
  },
  {
    from: 'flowcontrol/',
    to: 'config/problems.ts',
    why: "the flowcontrol configuration file's problems are config's Problems (fileProblem), like the RBAC loaders'; problems.ts imports nothing from src",
  },
]

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')

/** Every .ts file under `dir`, as paths relative to src/. */
const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [relative(src, path)] : []
  })

/** The layer of a file relative to src/: its first directory, or `root` for a file directly in src/. */
const layerOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : 'root')

/** The files under src/ that `file` imports or re-exports (static, dynamic and type-only), relative to src/. */
const importsOf = (file: string): ReadonlyArray<string> =>
  ts
    .preProcessFile(readFileSync(join(src, file), 'utf8'), true, true)
    .importedFiles.map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(src, resolve(dirname(join(src, file)), spec)).replace(/\.js$/, '.ts'))
    .filter((target) => !target.startsWith('..'))

const files = sourceFiles(src)
const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })))
const rank = (file: string): number => layers.indexOf(layerOf(file) as (typeof layers)[number])
const excused = (e: { from: string; to: string }) => exceptions.some((x) => e.from.startsWith(x.from) && e.to === x.to)

const layering = suite('Layering')

layering('the import scan sees the imports (a file known to import across layers)', () => {
  assert.ok(edges.some((e) => e.from === 'filters/with-max-in-flight.ts' && e.to === 'sync/seat-counter.ts'))
  assert.ok(edges.some((e) => e.from === 'index.ts' && e.to === 'core/index.ts'))
})

layering('every file under src/ is in a layer of the order', () => {
  const unplaced = files.filter((f) => rank(f) < 0)
  assert.equal(unplaced, [], `place these areas in spec/layering.spec.ts: ${unplaced.join(', ')}`)
})

layering('no file imports from a layer above its own', () => {
  const upward = edges.filter((e) => rank(e.to) > rank(e.from) && !excused(e)).map((e) => `${e.from} -> ${e.to}`)
  assert.equal(upward, [])
})

layering('every exception is still used, and its target imports nothing from src', () => {
  for (const x of exceptions) {
    assert.ok(
      edges.some((e) => e.from.startsWith(x.from) && e.to === x.to && rank(e.to) > rank(e.from)),
      `${x.from} -> ${x.to}`,
    )
    assert.equal(importsOf(x.to), [], x.to)
  }
})

layering('no index file exports src/internal', () => {
  const indexes = files.filter((f) => f === 'index.ts' || /^[^/]+\/index\.ts$/.test(f))
  const leaks = edges.filter((e) => indexes.includes(e.from) && layerOf(e.to) === 'internal' && e.from !== 'internal/index.ts')
  assert.equal(
    leaks.map((e) => `${e.from} -> ${e.to}`),
    [],
  )
})

layering('the package root exports the public areas: not the example API, the CLI, internals, or the framework adapters', () => {
  const areas = importsOf('index.ts').map(layerOf)
  for (const hidden of ['internal', 'example-api', 'cli', 'express', 'fastify']) assert.not.ok(areas.includes(hidden), hidden)
  assert.ok(areas.includes('sync'))
})

layering("package.json's exports map names no internal path", () => {
  const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<string, unknown>
  const internal = Object.entries(exportsMap).filter(([key, value]) => `${key} ${JSON.stringify(value)}`.includes('internal'))
  assert.equal(internal, [])
  assert.ok('./sync' in exportsMap)
})

layering.run()
