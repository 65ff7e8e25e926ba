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
  /** The front proxy's CA bundle (`--requestheader-client-ca-file`); its names are offered to clients too. */
  readonly requestHeaderCAFile?: string
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
    E.bind('ca', () => readClientCAs(clientCAFiles(sources))),
    E.bind('serving', () => E.mapLeft(firstProblem)(readPair(sources.serving, 'serving cert'))),
    E.bind('sni', () => E.traverseArray((s: TlsSources['sni'][number]) => E.mapLeft(firstProblem)(readPair(s, 'SNI cert')))(sources.sni)),
    E.bind('defaultOptions', ({ ca, serving }) => E.right(contextOptions(serving, ca, settings))),
    E.bind('defaultContext', ({ defaultOptions }) => context(defaultOptions, 'invalid serving cert keypair')),
    E.bind('sniContexts', ({ ca, sni }) =>
      E.traverseArray((p: Pem) => context(contextOptions(p, ca, settings), 'failed to load SNI cert and key'))(sni),
    ),
    E.map(({ ca, serving, sni, defaultContext, defaultOptions, sniContexts }) => ({
      defaultContext,
      defaultOptions,
      byName: namedMap(
        sniContexts.map((value, i) => ({
          value,
          cert: (sni[i] as Pem).x509,
          explicitNames: (sources.sni[i] as { names: ReadonlyArray<string> }).names,
        })),
      ),
      content: [ca ?? '', serving.certPem, serving.keyPem, ...sni.flatMap((p) => [p.certPem, p.keyPem])].join('\0'),
    })),
  )

/** The files a reload must watch. */
export const watchedFiles = (sources: TlsSources): ReadonlyArray<string> =>
  [sources.serving, ...sources.sni].flatMap((s) => ('pem' in s ? [] : [s.certFile, s.keyFile])).concat(clientCAFiles(sources))

/** One file of a key pair that a server cannot use, and why; `file` is `''` for a pair in memory or a missing name. */
export interface PairProblem {
  readonly file: string
  readonly message: string
}

/**
 * Every problem of one key pair, found as `loadTlsMaterial` would meet them: a missing name, an unreadable
 * or empty file, a cert or key that does not parse (both are checked), a key that does not match, a pair
 * node tls refuses under `settings`. Each problem names the file it is about; `what` is `serving cert` or
 * `SNI cert`. Reads only; for a check before serving.
 */
export const keyPairProblems = (source: PairSource, what: string, settings: TlsSettings): ReadonlyArray<PairProblem> => {
  const pair = readPair(source, what)
  if (E.isLeft(pair)) return pair.left
  const keyFile = 'pem' in source ? '' : source.keyFile
  const checked = context(contextOptions(pair.right, undefined, settings), `invalid ${what} keypair`)
  return E.isLeft(checked) ? [{ file: keyFile, message: checked.left }] : []
}

interface Pem extends KeyPair {
  readonly x509: X509Certificate
}

type Checked<A> = E.Either<ReadonlyArray<PairProblem>, A>

const readPair = (source: PairSource, what: string): Checked<Pem> => {
  if ('pem' in source) return parsePair(source.pem, { certFile: '', keyFile: '' }, what)
  if (source.certFile === '' || source.keyFile === '') return E.left([{ file: '', message: `missing filename for ${what}` }])
  const read = (file: string): Checked<string> =>
    E.mapLeft((message: string) => [{ file, message }])(readText(file, `missing content for ${what} "${file}"`))
  const cert = read(source.certFile)
  const key = read(source.keyFile)
  if (E.isLeft(cert) || E.isLeft(key)) return E.left([...lefts(cert), ...lefts(key)])
  return parsePair({ certPem: cert.right, keyPem: key.right }, source, what)
}

const parsePair = (pair: KeyPair, files: { readonly certFile: string; readonly keyFile: string }, what: string): Checked<Pem> => {
  const invalid =
    (file: string) =>
    (e: unknown): ReadonlyArray<PairProblem> => [{ file, message: `invalid ${what} keypair: ${messageOf(e)}` }]
  const x509 = E.tryCatch(() => new X509Certificate(pair.certPem), invalid(files.certFile))
  const key = E.tryCatch(() => createPrivateKey(pair.keyPem), invalid(files.keyFile))
  if (E.isLeft(x509) || E.isLeft(key)) return E.left([...lefts(x509), ...lefts(key)])
  if (!x509.right.checkPrivateKey(key.right)) return E.left(invalid(files.keyFile)(new Error('private key does not match public key')))
  return E.right({ ...pair, x509: x509.right })
}

const lefts = <A>(c: Checked<A>): ReadonlyArray<PairProblem> => (E.isLeft(c) ? c.left : [])

/** The first problem's text: what `loadTlsMaterial` and a reload report. */
const firstProblem = (problems: ReadonlyArray<PairProblem>): string => problems[0]?.message ?? 'invalid key pair'

/** The client CA bundles that are set: the client CA's, then the front proxy's. */
export const clientCAFiles = (sources: TlsSources): ReadonlyArray<string> =>
  [sources.clientCAFile, sources.requestHeaderCAFile ?? ''].filter((f) => f !== '')

/** The bundles joined into one, `undefined` when there are none. */
const readClientCAs = (files: ReadonlyArray<string>): E.Either<string, string | undefined> =>
  files.length === 0
    ? E.right(undefined)
    : pipe(
        E.traverseArray((file: string) => readText(file, `missing content for client CA "${file}"`))(files),
        E.map((pems) => pems.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('')),
      )

const readText = (file: string, emptyMessage: string): E.Either<string, string> =>
  pipe(
    E.tryCatch(
      () => readFileSync(file, 'utf8'),
      (e) => `unable to read "${file}": ${messageOf(e)}`,
    ),
    E.filterOrElse(
      (s) => s.trim() !== '',
      () => emptyMessage,
    ),
  )

const contextOptions = (pair: KeyPair, ca: string | undefined, s: TlsSettings): SecureContextOptions => ({
  cert: pair.certPem,
  key: pair.keyPem,
  ...(ca === undefined ? {} : { ca }),
  minVersion: s.minVersion,
  ...(s.ciphers === '' ? {} : { ciphers: s.ciphers }),
})

const context = (options: SecureContextOptions, failure: string): E.Either<string, SecureContext> =>
  E.tryCatch(
    () => createSecureContext(options),
    (e) => `${failure}: ${messageOf(e)}`,
  )

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))
