import { createRequire } from 'node:module'
import * as E from 'fp-ts/lib/Either.js'
import { type VersionSource, versionInfo } from '../example-api/version.js'
import { parseFlagValue } from './flags/parse-flag-value.js'

/** What `--version` asks for, as upstream's `verflag` reads it: nothing (`false`), the version line (`true`), or the version record (`raw`). */
export type VersionRequest = 'false' | 'true' | 'raw'

/** `--version` in the help's global flags, with upstream's text but for `--version=vX.Y.Z`, which kubechain does not take. */
export const versionHelpRow = ['      --version version[=true]', '--version, --version=raw prints version information and quits'] as const

/**
 * Reads the text of `--version` (`--version` alone is `true`): a boolean word or `raw`.
 * @example
 * parseVersionFlag('raw') // right('raw')
 */
export const parseVersionFlag = (text: string): E.Either<string, VersionRequest> =>
  text === 'raw'
    ? E.right('raw')
    : E.bimap(
        () => `expected true, false or raw, got ${JSON.stringify(text)}`,
        (on): VersionRequest => (on === true ? 'true' : 'false'),
      )(parseFlagValue('bool', text))

/**
 * The running build's version: the package's own package.json, read at run time two directories above this
 * module (`src/cli/` in a checkout, `dist/cli/` in the installed package), and the process.
 * @example
 * versionSource().packageVersion // '0.1.0'
 */
export const versionSource = (): VersionSource => ({
  packageVersion: (createRequire(import.meta.url)('../../package.json') as { version: string }).version,
  nodeVersion: process.version,
  platform: process.platform,
  arch: process.arch,
})

/**
 * What `--version` prints: `kubechain v0.1.0` (where upstream prints `Kubernetes v1.32.0`), or for `raw` the
 * record `/version` serves, as one JSON line.
 * @example
 * versionText('true', versionSource()) // 'kubechain v0.1.0\n'
 */
export const versionText = (request: 'true' | 'raw', src: VersionSource): string =>
  request === 'raw' ? `${JSON.stringify(versionInfo(src))}\n` : `kubechain v${src.packageVersion}\n`
