import * as t from 'io-ts'
import type { Handler } from '../core/handler.js'
import { toResponse } from '../core/status.js'
import { methodNotAllowed, routeNotFound } from '../endpoints/api-errors.js'
import { rawJson } from './api-json.js'

/**
 * Upstream's `version.Info`, with upstream's field names. The `go*` and compiler fields describe the
 * runtime: `goVersion` carries Node's version (`v20.11.0`), `compiler` is `node`, `platform` is
 * `<os>/<arch>` as Node names them.
 */
export const VersionInfo = t.readonly(
  t.type({
    major: t.string,
    minor: t.string,
    gitVersion: t.string,
    gitCommit: t.string,
    gitTreeState: t.string,
    buildDate: t.string,
    goVersion: t.string,
    compiler: t.string,
    platform: t.string,
  }),
)
export type VersionInfo = t.TypeOf<typeof VersionInfo>

/** What the version is made from; the caller reads package.json and `process` at the edge. */
export interface VersionSource {
  /** kubechain's package version (`0.1.0`). */
  readonly packageVersion: string
  /** `process.version`. */
  readonly nodeVersion: string
  /** `process.platform`. */
  readonly platform: string
  /** `process.arch`. */
  readonly arch: string
  /** The commit built from, if known (else `''`). */
  readonly gitCommit?: string
  /** When the build was made, RFC 3339 (else upstream's unset value `1970-01-01T00:00:00Z`). */
  readonly buildDate?: string
}

/**
 * The Kubernetes release whose apiserver behaviour kubechain follows (`k8s.io/apiserver` of 1.32):
 * `/version` reports it as `major`/`minor` and as the core of `gitVersion`, so clients that compare
 * versions (kubectl's version-skew warning, client-go's discovery) treat kubechain as that release.
 */
export const followedKubernetes = { major: '1', minor: '32', patch: '0' } as const

/**
 * The version record of a kubechain build. `major`/`minor` are the followed Kubernetes release's
 * (`followedKubernetes`); `gitVersion` is its semantic version with kubechain's own version as build
 * metadata, `v1.32.0+kubechain-0.1.0` (the form k3s uses, `v1.32.4+k3s1`): build metadata never changes
 * how a version orders or compares, so kubectl's skew check reads 1.32 and the text still names the
 * kubechain build. `gitTreeState` is `clean` when a commit is known, else empty.
 * @example
 * versionInfo({ packageVersion: '0.1.0', nodeVersion: process.version, platform: process.platform, arch: process.arch })
 * // { major: '1', minor: '32', gitVersion: 'v1.32.0+kubechain-0.1.0', ... }
 */
export const versionInfo = (src: VersionSource): VersionInfo => {
  const { major, minor, patch } = followedKubernetes
  const commit = src.gitCommit ?? ''
  return {
    major,
    minor,
    gitVersion: `v${major}.${minor}.${patch}+kubechain-${buildMetadata(src.packageVersion)}`,
    gitCommit: commit,
    gitTreeState: commit === '' ? '' : 'clean',
    buildDate: src.buildDate ?? '1970-01-01T00:00:00Z',
    goVersion: src.nodeVersion,
    compiler: 'node',
    platform: `${src.platform}/${src.arch}`,
  }
}

/** Semver build metadata allows only `[0-9A-Za-z-]` in dot-separated identifiers: anything else becomes `-`, empty identifiers `0`. */
const buildMetadata = (version: string): string =>
  version
    .replace(/[^0-9A-Za-z.-]/g, '-')
    .split('.')
    .map((id) => (id === '' ? '0' : id))
    .join('.')

/**
 * `GET /version` (and `/version/`): the version record as upstream writes it (indented JSON, no
 * trailing newline); other methods 405, other paths 404. The body is encoded once, at build time.
 * @example
 * const info = versionInfo({ packageVersion: '0.1.0', nodeVersion: process.version, platform: process.platform, arch: process.arch })
 * const services = [{ root: '/version', handler: versionHandler(info) }]
 */
export const versionHandler = (info: VersionInfo): Handler => {
  const ok = rawJson(200, info)
  const notAllowed = toResponse(methodNotAllowed)
  const missing = toResponse(routeNotFound)
  return (req) => (req.path !== '/version' && req.path !== '/version/' ? missing : req.method === 'GET' ? ok : notAllowed)
}
