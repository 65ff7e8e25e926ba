import { readFile } from 'node:fs/promises'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { type TokenFile, type TokenFileError, parseTokenFile } from './token-file.js'

/**
 * Reads and parses a static token file (`--token-auth-file`); a file that cannot be read or a bad record
 * is a `TokenFileError` naming the file (and the line, for bad records). Warnings (empty or duplicate
 * tokens) come back in the `TokenFile` for the caller to log.
 * Port note: a read failure carries node's message (`ENOENT: no such file or directory, open '<path>'`),
 * not Go's `open <path>: no such file or directory`.
 * @example
 * const tokens = await loadTokenFile('/etc/kubechain/tokens.csv')()
 */
export const loadTokenFile = (path: string): TE.TaskEither<TokenFileError, TokenFile> =>
  pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (e): TokenFileError => ({ _tag: 'TokenFileError', path, line: 0, message: e instanceof Error ? e.message : String(e) }),
    ),
    TE.chainEitherK((text) => parseTokenFile(path, text)),
  )
