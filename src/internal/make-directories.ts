import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Creates `dir` and its missing parents with `mode`, one level at a time, and throws the error of the
 * first level that cannot be made (an existing directory is fine). Node's recursive mkdir is not used: it
 * retries without end when a parent exists but answers ENOENT for a new child (procfs, `/proc/x`),
 * pinning a core instead of failing. Internal: not exported from the package.
 * @example
 * E.tryCatch(() => makeDirectories('/var/lib/kubechain/certs', 0o755), E.toError)
 */
export const makeDirectories = (dir: string, mode: number): void => {
  const parent = dirname(dir)
  if (parent !== dir && !existsSync(parent)) makeDirectories(parent, mode)
  try {
    mkdirSync(dir, { mode })
  } catch (e) {
    if (!(codeOf(e) === 'EEXIST' && statSync(dir).isDirectory())) throw e
  }
}

const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined)
