import { accessSync, constants, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as IOE from 'fp-ts/lib/IOEither.js'
import type { Clock, Logger } from '../core/index.js'
import { makeDirectories } from '../internal/make-directories.js'
import { type KeyPair, newCertificateAuthority, newSignedCertificate } from './make-certificates.js'
import type { SecureServingInfo } from './secure-serving-info.js'
import type { PairSource } from './tls-material.js'

/** Where the self-signed pair is looked for and written, and for which names. */
export interface SelfSignedRequest {
  readonly publicAddress: string
  readonly alternateDNS: ReadonlyArray<string>
  readonly alternateIPs: ReadonlyArray<string>
}

const HOUR = 3_600_000

/**
 * Upstream `MaybeDefaultWithSelfSignedCerts`: explicit cert/key files win; else `<certDir>/<pairName>.crt`
 * and `.key` are reused when both are readable; else a CA and a serving certificate for the public
 * address, `localhost`, `127.0.0.1` and the alternate names are made (RSA 2048, from now-1h for a year)
 * and written there (in memory when `certDir` is empty). The `.crt` holds the serving cert then the CA.
 * Port note: `localhost` and `127.0.0.1` are always added (upstream adds one of them by bind address).
 * @example
 * const source = maybeDefaultWithSelfSignedCerts(servingInfo, { publicAddress: '10.0.0.1', alternateDNS: ['kubernetes'], alternateIPs: [] }, deps)()
 */
export const maybeDefaultWithSelfSignedCerts =
  (
    info: SecureServingInfo,
    req: SelfSignedRequest,
    deps: { readonly clock: Clock; readonly log: Logger },
  ): IOE.IOEither<string, PairSource> =>
  () => {
    if (info.certFile !== '' || info.keyFile !== '') return E.right({ certFile: info.certFile, keyFile: info.keyFile })
    if (info.certDir === '')
      return E.map((pem: KeyPair) => {
        deps.log({ level: 'info', msg: 'Generated self-signed cert in-memory' })
        return { pem }
      })(generate(req, deps.clock))
    if (info.pairName === '') return E.left('PairName is required if CertDirectory is set')
    const files = { certFile: join(info.certDir, `${info.pairName}.crt`), keyFile: join(info.certDir, `${info.pairName}.key`) }
    if (readable(files.certFile) && readable(files.keyFile)) return E.right(files)
    return pipe(
      makeCertDir(info.certDir),
      E.chain(() => generate(req, deps.clock)),
      E.chain((pem) => write(pem, files, deps.log)),
    )
  }

const generate = (req: SelfSignedRequest, clock: Clock): E.Either<string, KeyPair> =>
  E.tryCatch(
    () => {
      const now = clock.now()
      const validity = { notBefore: new Date(now - HOUR), notAfter: new Date(now + 365 * 24 * HOUR) }
      const host = req.publicAddress
      const stamp = Math.floor(now / 1000)
      const ca = newCertificateAuthority(`${host}-ca@${stamp}`, validity)
      const names = [host, 'localhost', '127.0.0.1', ...req.alternateDNS, ...req.alternateIPs].filter((n) => n !== '')
      const serving = newSignedCertificate(ca, {
        commonName: `${host}@${stamp}`,
        dnsNames: unique(names.filter((n) => isIP(n) === 0)),
        ipAddresses: unique(names.filter((n) => isIP(n) !== 0)),
        usage: 'server',
        ...validity,
      })
      return { certPem: serving.certPem + ca.certPem, keyPem: serving.keyPem }
    },
    (e) => `unable to generate self signed cert: ${e instanceof Error ? e.message : String(e)}`,
  )

/** The directory is made before the keys, so a directory that cannot be made fails without the wait for RSA keys. */
const makeCertDir = (dir: string): E.Either<string, void> => E.tryCatch(() => makeDirectories(dir, 0o755), writeFailure)

const write = (pem: KeyPair, files: { certFile: string; keyFile: string }, log: Logger): E.Either<string, PairSource> =>
  E.tryCatch(() => {
    writeFileSync(files.certFile, pem.certPem, { mode: 0o644 })
    writeFileSync(files.keyFile, pem.keyPem, { mode: 0o600 })
    log({ level: 'info', msg: `Generated self-signed cert (${files.certFile}, ${files.keyFile})` })
    return files
  }, writeFailure)

const writeFailure = (e: unknown): string => `unable to write self signed cert: ${e instanceof Error ? e.message : String(e)}`

const readable = (file: string): boolean => {
  try {
    accessSync(file, constants.R_OK)
    return true
  } catch {
    return false
  }
}

const unique = (xs: ReadonlyArray<string>): ReadonlyArray<string> => [...new Set(xs)]
