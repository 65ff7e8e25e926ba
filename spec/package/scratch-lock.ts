// A package-lock.json for a scratch project that depends on the packed tarball, so `npm ci --offline` installs
// from npm's cache alone: each package at the version (and integrity) this repository's lock pins, which is
// what `npm ci` put in the cache. Without it npm would resolve ranges (`^2.16.11`) from cached registry
// documents, which may name newer versions than the cache holds, or be missing.

/** One `packages` entry of a lockfile (version 3). */
interface LockEntry {
  readonly version?: string
  readonly resolved?: string
  readonly integrity?: string
  readonly dependencies?: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly [field: string]: unknown
}

/** A lockfile (version 3): entries by install path (`node_modules/a/node_modules/b`), `''` the root. */
export interface Lockfile {
  readonly packages: Readonly<Record<string, LockEntry>>
}

/** The fields of the tarball's package.json its lock entry copies. */
export interface TarballManifest {
  readonly name: string
  readonly version: string
  readonly dependencies?: Readonly<Record<string, string>>
  readonly license?: string
  readonly bin?: Readonly<Record<string, string>>
  readonly engines?: Readonly<Record<string, string>>
}

/** What the scratch project depends on: the tarball (file name, manifest, integrity) and registry packages by name. */
export interface ScratchDeps {
  readonly tarball: { readonly file: string; readonly manifest: TarballManifest; readonly integrity: string }
  /** Registry packages the scratch project itself depends on (e.g. `@types/node`), at the repository lock's version. */
  readonly own: ReadonlyArray<string>
  readonly registry: string
}

/** The scratch project's package.json and lockfile, with every registry package at the repository lock's entry. */
export const scratchProject = (repo: Lockfile, d: ScratchDeps): { readonly manifest: object; readonly lock: object } => {
  const { tarball } = d
  const pins = Object.fromEntries(d.own.map((name) => [name, entryOf(repo, `node_modules/${name}`).version ?? '']))
  const root = { name: 'kubechain-consumer', version: '1.0.0', dependencies: { [tarball.manifest.name]: `file:${tarball.file}`, ...pins } }
  const packages: Record<string, object> = { '': root }
  packages[`node_modules/${tarball.manifest.name}`] = {
    version: tarball.manifest.version,
    resolved: `file:${tarball.file}`,
    integrity: tarball.integrity,
    ...pick({ ...tarball.manifest }, ['license', 'dependencies', 'bin', 'engines']),
  }
  const wanted = [...Object.keys(tarball.manifest.dependencies ?? {}), ...d.own]
  for (const path of closure(repo, wanted)) packages[path] = registryEntry(path, entryOf(repo, path), d.registry)
  return {
    manifest: { ...root, private: true },
    lock: { name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages },
  }
}

/** Every install path reachable from `names` (resolved from the root) through dependencies, as node resolves them. */
const closure = (repo: Lockfile, names: ReadonlyArray<string>): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const queue = names.map((name) => resolve(repo, '', name))
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (seen.has(path)) continue
    seen.add(path)
    const e = entryOf(repo, path)
    const deps = { ...e.dependencies, ...e.optionalDependencies, ...e.peerDependencies }
    for (const name of Object.keys(deps)) {
      const found = resolveOptional(repo, path, name)
      if (found !== undefined) queue.push(found)
      else if (e.dependencies?.[name] !== undefined) throw new Error(`the lock has no ${name} for ${path}`)
    }
  }
  return [...seen].sort()
}

/** Node's lookup: `<from>/node_modules/<name>`, then the same from each enclosing package, up to the root. */
const resolveOptional = (repo: Lockfile, from: string, name: string): string | undefined => {
  for (let dir = from; ; dir = parentPackage(dir)) {
    const path = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`
    if (repo.packages[path] !== undefined) return path
    if (dir === '') return undefined
  }
}

const resolve = (repo: Lockfile, from: string, name: string): string => {
  const path = resolveOptional(repo, from, name)
  if (path === undefined) throw new Error(`the lock has no ${name}`)
  return path
}

/** `node_modules/a/node_modules/@s/b` → `node_modules/a`; `node_modules/a` → `''`. */
const parentPackage = (path: string): string => {
  const at = path.lastIndexOf('/node_modules/')
  return at < 0 ? '' : path.slice(0, at)
}

const entryOf = (repo: Lockfile, path: string): LockEntry => {
  const e = repo.packages[path]
  if (e === undefined) throw new Error(`the lock has no ${path}`)
  return e
}

/** The repository's entry without its dev/peer markers, with the registry URL npm would have fetched it from. */
const registryEntry = (path: string, e: LockEntry, registry: string): object => {
  const { dev: _d, devOptional: _o, peer: _p, ...rest } = e
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
  const base = name.slice(name.indexOf('/') + 1)
  return { ...rest, resolved: e.resolved ?? `${registry.replace(/\/$/, '')}/${name}/-/${base}-${e.version}.tgz` }
}

const pick = (o: Readonly<Record<string, unknown>>, keys: ReadonlyArray<string>): Record<string, unknown> =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]))
