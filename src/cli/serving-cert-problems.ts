import * as E from 'fp-ts/lib/Either.js'
import { type Problem, fileProblem } from '../config/problems.js'
import type { Clock, Logger } from '../core/index.js'
import type { SecureServingInfo } from '../serve/secure-serving-info.js'
import { type SelfSignedRequest, maybeDefaultWithSelfSignedCerts } from '../serve/self-signed.js'
import { type PairProblem, type TlsSettings, keyPairProblems } from '../serve/tls-material.js'
import { nodeTlsVersion, openSslCiphers } from '../serve/tls-names.js'

/**
 * What `serveSecurely` would refuse about the serving certificates, found before anything starts, every
 * problem one `Problem` naming the flag and the file: the self-signed pair of `--cert-dir` is reused or
 * made and written as `serveSecurely` does (it then reuses the files written here; upstream makes it in
 * `Complete`, before loading anything else too), and the serving pair and every SNI pair are read and
 * checked. A pair kept in memory (no cert files, no `--cert-dir`) is made by `serveSecurely` and not here.
 */
export const servingCertProblems = (
  info: SecureServingInfo,
  req: SelfSignedRequest,
  deps: { readonly clock: Clock; readonly log: Logger },
): ReadonlyArray<Problem> => {
  const settings: TlsSettings = { minVersion: nodeTlsVersion(info.minTLSVersion), ciphers: openSslCiphers(info.cipherSuites).ciphers }
  const sni = info.sniCertKeys.flatMap((pair) =>
    keyPairProblems(pair, 'SNI cert', settings).map((p) =>
      fileProblem('--tls-sni-cert-key', p.file === '' ? `${pair.certFile},${pair.keyFile}` : p.file, p.message),
    ),
  )
  return [...servingProblems(info, req, settings, deps), ...sni]
}

const servingProblems = (
  info: SecureServingInfo,
  req: SelfSignedRequest,
  settings: TlsSettings,
  deps: { readonly clock: Clock; readonly log: Logger },
): ReadonlyArray<Problem> => {
  if (info.certFile === '' && info.keyFile === '' && info.certDir === '') return []
  const source = maybeDefaultWithSelfSignedCerts(info, req, deps)()
  if (E.isLeft(source)) return [fileProblem('--cert-dir', info.certDir, source.left)]
  return keyPairProblems(source.right, 'serving cert', settings).map((p) => servingProblem(info, p))
}

/** Which flag named the file: `--cert-dir` for its pair, else the cert or key flag; a missing name is the flag left empty. */
const servingProblem = (info: SecureServingInfo, p: PairProblem): Problem => {
  if (p.file === '') return { path: info.certFile === '' ? '--tls-cert-file' : '--tls-private-key-file', message: p.message }
  if (info.certFile === '' && info.keyFile === '') return fileProblem('--cert-dir', p.file, p.message)
  return fileProblem(p.file === info.keyFile ? '--tls-private-key-file' : '--tls-cert-file', p.file, p.message)
}
