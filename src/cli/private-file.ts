import { accessSync, closeSync, constants, fchmodSync, openSync, statSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { type Problem, fileProblem } from '../config/problems.js'
import { makeDirectories } from '../internal/make-directories.js'

/**
 * What would stop `writePrivateFile` from writing `file`, found before the server starts, without writing
 * anything: the path is a directory, the nearest existing ancestor is not a directory, or it is one that
 * cannot be written to. Each problem names `flag` and the file.
 * @example
 * privateFileProblems('--admin-token-file', '/tmp') // [{ path: '--admin-token-file /tmp', message: 'expected a file, got a directory' }]
 */
export const privateFileProblems = (flag: string, file: string): ReadonlyArray<Problem> => {
  const self = statOf(file)
  if (self?.isDirectory() === true) return [fileProblem(flag, file, 'expected a file, got a directory')]
  if (self !== undefined) return writable(file) ? [] : [fileProblem(flag, file, 'the file is not writable')]
  const ancestor = nearestExisting(dirname(resolve(file)))
  if (!ancestor.stats.isDirectory()) return [fileProblem(flag, file, `expected a directory at ${ancestor.path}, got a file`)]
  return writable(ancestor.path) ? [] : [fileProblem(flag, file, `cannot create it: ${ancestor.path} is not writable`)]
}

/**
 * Writes `text` to `file` readable by its owner only: missing directories are made (0700), the file is
 * made 0600, and an existing file is set to 0600 before its old content is replaced, so a token in it is
 * never readable by others. Left: the error of the step that failed.
 * @example
 * writePrivateFile('/run/kubechain/admin-token', 'c0ffee\n')
 */
export const writePrivateFile = (file: string, text: string): E.Either<Error, void> =>
  E.tryCatch(() => {
    makeDirectories(dirname(resolve(file)), 0o700)
    const fd = openSync(file, 'w', 0o600)
    try {
      fchmodSync(fd, 0o600)
      writeSync(fd, text)
    } finally {
      closeSync(fd)
    }
  }, E.toError)

const statOf = (path: string): ReturnType<typeof statSync> | undefined => {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

/** The path itself when it exists, else its nearest existing parent (the root always exists). */
const nearestExisting = (path: string): { path: string; stats: NonNullable<ReturnType<typeof statSync>> } => {
  const stats = statOf(path)
  const parent = dirname(path)
  return stats !== undefined || parent === path ? { path, stats: stats ?? statSync(path) } : nearestExisting(parent)
}

const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}
