// The published package as a consumer gets it: packed once from a copy of the checkout (prepack builds dist/),
// installed into a scratch project from npm's cache alone (no network), type-checked with skipLibCheck off,
// and run as an ES module, as CommonJS (`require` of an ES module, Node >= 20.19) and as the `kubechain` bin.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cjsConsumer, consumerTsconfig, entriesConsumer, esmConsumer } from './consumer-sources.js'
import { type Packed, type Ran, packCheckout, repoRoot, run } from './pack-checkout.js'
import { type Lockfile, scratchProject } from './scratch-lock.js'

interface Manifest {
  readonly name: string
  readonly version: string
  readonly exports: Readonly<Record<string, string | Readonly<Record<string, string>>>>
  readonly dependencies: Readonly<Record<string, string>>
  readonly bin: Readonly<Record<string, string>>
}

interface State {
  dir: string
  packed: Packed
  manifest: Manifest
  project: string
  installed: Ran
  tsc: Ran
}

const state: Partial<State> = {}
const need = <K extends keyof State>(k: K): State[K] => {
  const v = state[k]
  if (v === undefined) throw new Error(`the set-up did not get as far as ${k}`)
  return v as State[K]
}

const repoManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest
const entryPoints = Object.keys(repoManifest.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? repoManifest.name : `${repoManifest.name}/${k.slice(2)}`))
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

const pack = suite('npm pack, install from the cache, consume')

pack.before(async () => {
  state.dir = mkdtempSync(join(tmpdir(), 'kubechain-pack-'))
  state.packed = await packCheckout(state.dir)
  const tgz = readFileSync(state.packed.tarball)
  const project = join(state.dir, 'consumer')
  mkdirSync(join(project, 'src'), { recursive: true })
  writeFileSync(join(project, basename(state.packed.tarball)), tgz)
  const extracted = await run('tar', ['-xzf', state.packed.tarball, '-C', state.dir, 'package/package.json'], state.dir)
  if (extracted.code !== 0) throw new Error(`tar failed: ${extracted.stderr}`)
  state.manifest = JSON.parse(readFileSync(join(state.dir, 'package', 'package.json'), 'utf8')) as Manifest
  const registry = (await run('npm', ['config', 'get', 'registry'], project)).stdout.trim()
  const { manifest, lock } = scratchProject(JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile, {
    tarball: {
      file: basename(state.packed.tarball),
      manifest: state.manifest,
      integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
    },
    own: ['@types/node', 'fastify'], // fastify's own types, which kubechain/fastify's declarations augment (an optional peer)
    registry,
  })
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2))
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock, null, 2))
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(consumerTsconfig, null, 2))
  writeFileSync(join(project, 'src', 'esm.mts'), esmConsumer)
  writeFileSync(join(project, 'src', 'cjs.cts'), cjsConsumer)
  writeFileSync(join(project, 'src', 'entries.mts'), entriesConsumer(entryPoints))
  state.project = project
  state.installed = await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project, 120_000)
  if (state.installed.code === 0) state.tsc = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], project)
})

pack.after(() => {
  if (state.dir !== undefined) rmSync(state.dir, { recursive: true, force: true })
})

const paths = (): ReadonlyArray<string> => need('packed').files.map((f) => f.path)

pack('the tarball holds dist/, README, LICENSE (Apache-2.0) and CHANGELOG, and no sources, specs or source maps', () => {
  const files = paths()
  for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js'])
    assert.ok(files.includes(f), `${f} is packed`)
  assert.equal(
    files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f)),
    [],
  )
  assert.equal(
    files.filter((f) => f.endsWith('.map') || f.endsWith('.ts') !== f.endsWith('.d.ts')),
    [],
    'no source maps, no TypeScript sources',
  )
  const license = readFileSync(join(need('dir'), 'checkout', 'LICENSE'), 'utf8')
  assert.match(license, /Apache License\s+Version 2\.0, January 2004/)
  assert.match(license, 'END OF TERMS AND CONDITIONS')
})

pack('every target of exports, main, types and bin is in the tarball', () => {
  const m = need('manifest')
  const targets = [
    ...Object.values(m.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t))),
    ...Object.values(m.bin),
  ].map((t) => t.replace(/^\.\//, ''))
  assert.ok(targets.length > 2 * entryPoints.length, 'types and code for every entry point')
  assert.equal(
    targets.filter((t) => !paths().includes(t)),
    [],
  )
})

pack('the public types need no devDependency: @types/ws is a dependency', () => {
  assert.ok(need('manifest').dependencies['@types/ws'] !== undefined)
})

pack('installs from the tarball and npm cache with no network', () => {
  const r = need('installed')
  assert.is(r.code, 0, r.stderr)
})

pack('a consumer type-checks with skipLibCheck off (module NodeNext), in ESM and CommonJS', () => {
  const r = need('tsc')
  assert.is(r.code, 0, r.stdout + r.stderr)
})

/** Runs an emitted consumer and parses the one JSON line it prints. */
const runConsumer = async (file: string): Promise<unknown> => {
  const r = await run(process.execPath, [join('out', file)], need('project'), 30_000)
  assert.is(r.code, 0, r.stderr)
  return JSON.parse(r.stdout)
}

pack('an ES module consumer builds the insecure chain and answers a request on 127.0.0.1', async () => {
  const out = (await runConsumer('esm.mjs')) as { status: number; body: string; steps: number }
  assert.equal({ status: out.status, body: out.body }, { status: 200, body: 'hello /hi from esm' })
  assert.ok(out.steps > 5, 'a chain of upstream steps')
})

pack('a CommonJS consumer requires the package and answers the same request', async () => {
  const out = (await runConsumer('cjs.cjs')) as { status: number; body: string }
  assert.equal({ status: out.status, body: out.body }, { status: 200, body: 'hello /hi from cjs' })
  assert.match(readFileSync(join(need('project'), 'out', 'cjs.cjs'), 'utf8'), 'require("kubechain")')
})

pack('every entry point loads and exports names', async () => {
  const counts = (await runConsumer('entries.mjs')) as Record<string, number>
  assert.equal(Object.keys(counts), entryPoints)
  assert.equal(
    Object.entries(counts).filter(([, n]) => n === 0),
    [],
  )
})

pack('the installed kubechain bin prints the package version', async () => {
  const r = await run(join(need('project'), 'node_modules', '.bin', 'kubechain'), ['--version'], need('project'))
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stdout, `kubechain v${need('manifest').version}\n`)
})

pack.run()
