import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'

/**
 * The CA a client should trust for a serving certificate file: the file's last certificate when it is a
 * CA (the self-signed default writes the serving certificate, then its CA), or its only certificate when
 * that one signed itself (a self-signed serving certificate, which Go clients accept as a root). Left:
 * why there is none to embed. `''` is a certificate kept in memory (`--cert-dir=""`).
 * @example
 * servingCaPem('apiserver.local.config/certificates/apiserver.crt') // right('-----BEGIN CERTIFICATE-----\n...')
 */
export const servingCaPem = (certFile: string): E.Either<string, string> => {
  if (certFile === '') return E.left('the self-signed certificate is kept in memory only (--cert-dir is empty)')
  return E.chain(caOfBundle(certFile))(
    E.tryCatch(
      () => readFileSync(certFile, 'utf8'),
      (e) => `cannot read ${certFile}: ${e instanceof Error ? e.message : String(e)}`,
    ),
  )
}

const caOfBundle =
  (file: string) =>
  (text: string): E.Either<string, string> => {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
    const last = blocks[blocks.length - 1]
    const cert = last === undefined ? undefined : parse(last)
    if (last === undefined || cert === undefined) return E.left(`${file} holds no certificate that parses`)
    if (cert.ca || (blocks.length === 1 && signedItself(cert))) return E.right(`${last}\n`)
    return E.left(`${file} holds no CA certificate`)
  }

const parse = (pem: string): X509Certificate | undefined => {
  try {
    return new X509Certificate(pem)
  } catch {
    return undefined
  }
}

const signedItself = (c: X509Certificate): boolean => {
  try {
    return c.checkIssued(c) && c.verify(c.publicKey)
  } catch {
    return false
  }
}
