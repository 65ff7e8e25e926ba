import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Problem } from '../config/problems.js'
import type { CliSettings } from './flags/flag-table-client.js'
import { privateFileProblems } from './private-file.js'

/** What decides where a generated admin token goes. */
export interface AdminTokenInput {
  readonly cli: CliSettings
  /** `--token-auth-file`: with one, no token is generated. */
  readonly tokenAuthFile: string
  /** `--cert-dir`: `''` keeps certificates in memory. */
  readonly certDir: string
  /** Whether the startup checks `--cert-dir` already (it keeps the self-signed pair): its problems are not repeated. */
  readonly certDirChecked: boolean
  /** Whether the banner goes to a terminal (where a person reads it, not a log collector). */
  readonly terminal: boolean
}

/**
 * Where the generated admin token goes: `file` (mode 0600) and whether the banner prints it. `undefined` file
 * and no print: no token was generated, or it goes only into `--write-kubeconfig`.
 */
export interface AdminTokenPlan {
  readonly file: string | undefined
  readonly print: boolean
}

/** The file the token goes to under `--cert-dir` when the banner is not read on a terminal. */
export const adminTokenFileName = 'admin-token'

/**
 * Decides, before the server starts, where the generated admin token goes, so it never reaches a log: to
 * `--admin-token-file` when given; else only into `--write-kubeconfig` when given; else printed once in the
 * banner on a terminal; else (stdout is a pipe or a file: pod logs, journald) to `<cert-dir>/admin-token`.
 * Left: the file cannot be written, or there is nowhere to put it (no terminal, no files, `--cert-dir=''`).
 * @example
 * adminTokenPlan({ cli: { writeKubeconfig: '', adminTokenFile: '' }, tokenAuthFile: '', certDir: 'certs', certDirChecked: true, terminal: false })
 * // right({ file: 'certs/admin-token', print: false })
 */
export const adminTokenPlan = (i: AdminTokenInput): E.Either<ReadonlyArray<Problem>, AdminTokenPlan> => {
  if (i.tokenAuthFile !== '') return E.right({ file: undefined, print: false })
  if (i.cli.adminTokenFile !== '') return toFile('--admin-token-file', i.cli.adminTokenFile)
  if (i.cli.writeKubeconfig !== '') return E.right({ file: undefined, print: false })
  if (i.terminal) return E.right({ file: undefined, print: true })
  if (i.certDir !== '')
    return i.certDirChecked
      ? E.right({ file: join(i.certDir, adminTokenFileName), print: false })
      : toFile('--cert-dir', join(i.certDir, adminTokenFileName))
  return E.left([
    {
      path: '--admin-token-file',
      message:
        'the generated admin token has nowhere to go: stdout is not a terminal and --cert-dir is empty; ' +
        'give --admin-token-file, --write-kubeconfig or --token-auth-file',
    },
  ])
}

const toFile = (flag: string, file: string): E.Either<ReadonlyArray<Problem>, AdminTokenPlan> => {
  const problems = privateFileProblems(flag, file)
  return problems.length > 0 ? E.left(problems) : E.right({ file, print: false })
}
