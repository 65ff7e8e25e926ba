import { X509Certificate, createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type SecureContext, type SecureContextOptions, type SecureVersion, createSecureContext } from 'node:tls'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { KeyPair } from './make-certificates.js'
import { namedMap } from './sni-names.js'

/** Where the serving certificate, SNI certificates and client CA bundle come from (files or PEM in memory). */
export interface TlsSources {
  readonly serving: PairSource
  readonly sni: ReadonlyArray<PairSource & { readonly names: ReadonlyArray<string> }>
  readonly clientCAFile: string
}

/** A key pair on disk, or already in memory (self-signed defaults). */
export type PairSource = { readonly certFile: string; readonly keyFile: string } | { readonly pem: KeyPair }

/** Settings every secure context shares. */
export interface TlsSettings {
  readonly minVersion: SecureVersion
  /** OpenSSL cipher list; `''` keeps node's defaults. */
  readonly ciphers: string
}

/** The contexts one handshake may use: the default one and the SNI map; `content` tells whether bytes changed. */
export interface TlsMaterial {
  readonly defaultContext: SecureContext
  /** What `server.setSecureContext` needs to rebuild the default context. */
  readonly defaultOptions: SecureContextOptions
  readonly byName: ReadonlyMap<string, SecureContext>
  readonly content: string
}

/** Reads and checks every source; fails with upstream-like messages and keeps nothing half-loaded. */
export const loadTlsMaterial = (sources: TlsSources, settings: TlsSettings): E.Either<string, TlsMaterial> =>
  pipe(
    E.Do,
    E.bind('ca', () => readClientCA(sources.clientCAFile)),
    E.bind('serving', () => readPair(sources.serving, 'serving cert')),
    E.bind('sni', () => E.traverseArray((s: TlsSources['sni'][number]) => readPair(s, 'SNI cert'))(sources.sni)),
    E.bind('defaultOptions', ({ ca, serving }) => E.right(contextOptions(serving, ca, settings))),
    E.bind('defaultContext', ({ defaultOptions }) => context(defaultOptions, 'invalid serving cert keypair')),
    E.bind('sniContexts', ({ ca, sni }) => E.traverseArray((p: Pem) => context(contextOptions(p, ca, settings), 'failed to load SNI cert and key'))(sni)),
    E.map(({ ca, serving, sni, defaultContext, defaultOptions, sniContexts }) => ({
      defaultContext,
      defaultOptions,
      byName: namedMap(sniContexts.map((value, i) => ({ value, cert: (sni[i] as Pem).x509, explicitNames: (sources.sni[i] as { names: ReadonlyArray<string> }).names }))),
      content: [ca ?? '', serving.certPem, serving.keyPem, ...sni.flatMap((p) => [p.certPem, p.keyPem])].join('\0'),
    })),
  )

/** The files a reload must watch. */
export const watchedFiles = (sources: TlsSources): ReadonlyArray<string> =>
  [sources.serving, ...sources.sni]
    .flatMap((s) => ('pem' in s ? [] : [s.certFile, s.keyFile]))
    .concat(sources.clientCAFile === '' ? [] : [sources.clientCAFile])

interface Pem extends KeyPair {
  readonly x509: X509Certificate
}

const readPair = (source: PairSource, what: string): E.Either<string, Pem> => {
  if ('pem' in source) return parsePair(source.pem, what)
  if (source.certFile === '' || source.keyFile === '') return E.left(`missing filename for ${what}`)
  return pipe(
    E.Do,
    E.bind('certPem', () => readText(source.certFile, `missing content for ${what} "${source.certFile}"`)),
    E.bind('keyPem', () => readText(source.keyFile, `missing content for ${what} "${source.keyFile}"`)),
    E.chain((pair) => parsePair(pair, what)),
  )
}

const parsePair = (pair: KeyPair, what: string): E.Either<string, Pem> =>
  E.tryCatch(
    () => {
      const x509 = new X509Certificate(pair.certPem)
      if (!x509.checkPrivateKey(createPrivateKey(pair.keyPem))) throw new Error('private key does not match public key')
      return { ...pair, x509 }
    },
    (e) => `invalid ${what} keypair: ${messageOf(e)}`,
  )

const readClientCA = (file: string): E.Either<string, string | undefined> =>
  file === '' ? E.right(undefined) : readText(file, `missing content for client CA "${file}"`)

const readText = (file: string, emptyMessage: string): E.Either<string, string> =>
  pipe(
    E.tryCatch(() => readFileSync(file, 'utf8'), (e) => `unable to read "${file}": ${messageOf(e)}`),
    E.filterOrElse((s) => s.trim() !== '', () => emptyMessage),
  )

const contextOptions = (pair: KeyPair, ca: string | undefined, s: TlsSettings): SecureContextOptions => ({
  cert: pair.certPem,
  key: pair.keyPem,
  ...(ca === undefined ? {} : { ca }),
  minVersion: s.minVersion,
  ...(s.ciphers === '' ? {} : { ciphers: s.ciphers }),
})

const context = (options: SecureContextOptions, failure: string): E.Either<string, SecureContext> =>
  E.tryCatch(() => createSecureContext(options), (e) => `${failure}: ${messageOf(e)}`)

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))
