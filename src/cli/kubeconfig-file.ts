import type * as E from 'fp-ts/lib/Either.js'
import type { Problem } from '../config/problems.js'
import { privateFileProblems, writePrivateFile } from './private-file.js'

/**
 * What would stop `writeKubeconfig` from writing `file` (`privateFileProblems` of `--write-kubeconfig`).
 * @example
 * kubeconfigFileProblems('/tmp') // [{ path: '--write-kubeconfig /tmp', message: 'expected a file, got a directory' }]
 */
export const kubeconfigFileProblems = (file: string): ReadonlyArray<Problem> => privateFileProblems('--write-kubeconfig', file)

/**
 * Writes a kubeconfig readable by its owner only (`writePrivateFile`).
 * @example
 * writeKubeconfig('/home/me/.kube/kubechain', kubeconfigYaml({ server: 'https://127.0.0.1:6443', caPem: undefined, token: 'admin-token' }))
 */
export const writeKubeconfig = (file: string, text: string): E.Either<Error, void> => writePrivateFile(file, text)
