// What the TLS rows share: a fresh RSA-2048 serving certificate for 127.0.0.1/localhost, made at start
// with kubechain's make-certificates, written to a temp dir that is removed when the server exits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type KeyPair, newCertificateAuthority, newSignedCertificate } from '../../src/serve/index.js'

/** A serving key pair and the files holding it. */
export interface BenchCertificate extends KeyPair {
  readonly certFile: string
  readonly keyFile: string
}

/** Makes a CA and a serving certificate; the parent bench stops servers with SIGTERM, which then removes the files. */
export const benchCertificate = (): BenchCertificate => {
  const ca = newCertificateAuthority('kubechain-bench-ca')
  const pair = newSignedCertificate(ca, { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' })
  const dir = mkdtempSync(join(tmpdir(), 'kubechain-bench-tls-'))
  const certFile = join(dir, 'serving.crt')
  const keyFile = join(dir, 'serving.key')
  writeFileSync(certFile, pair.certPem)
  writeFileSync(keyFile, pair.keyPem)
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  process.once('SIGTERM', () => process.exit(0))
  return { ...pair, certFile, keyFile }
}
