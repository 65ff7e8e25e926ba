import * as E from 'fp-ts/lib/Either.js'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import forge from 'node-forge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { servingCaPem } from '../../src/cli/kubeconfig-ca.js'
import { ca, notACa, sign } from '../auth/fixtures.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-kubeconfig-ca-'))
const file = (name: string, text: string): string => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name))
const serving = sign(ca, 'serving', { usage: 'server' })

/** A self-signed serving certificate that is not a CA (basicConstraints absent). */
const selfSignedLeaf = (): string => {
  const keys = forge.pki.rsa.generateKeyPair(1024)
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = '01'
  cert.validity.notBefore = new Date(Date.now() - 60_000)
  cert.validity.notAfter = new Date(Date.now() + 86_400_000)
  const subject = [{ name: 'commonName', value: 'localhost' }]
  cert.setSubject(subject)
  cert.setIssuer(subject)
  cert.sign(keys.privateKey, forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}

const caOf = suite('servingCaPem')

caOf('a bundle of the serving certificate then its CA gives the CA', () => {
  const r = servingCaPem(file('bundle.crt', serving.certPem + ca.certPem))
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.is(r.right.replace(/\r/g, '').trim(), ca.certPem.replace(/\r/g, '').trim())
})

caOf('a file holding only a CA gives it', () => {
  const r = servingCaPem(file('ca.crt', ca.certPem))
  assert.is(E.isRight(r) && r.right.includes('BEGIN CERTIFICATE'), true)
})

caOf('a single self-signed leaf is its own CA', () => {
  const leaf = selfSignedLeaf()
  const r = servingCaPem(file('self.crt', leaf))
  assert.ok(E.isRight(r), JSON.stringify(r))
})

caOf('a leaf without its CA, or a chain ending in a leaf, gives none', () => {
  const only = file('leaf.crt', serving.certPem)
  assert.equal(servingCaPem(only), E.left(`${only} holds no CA certificate`))
  const endsInLeaf = file('chain.crt', ca.certPem + notACa.certPem)
  assert.equal(servingCaPem(endsInLeaf), E.left(`${endsInLeaf} holds no CA certificate`))
})

caOf('a certificate kept in memory, a missing file and a file without certificates say why there is none', () => {
  assert.equal(servingCaPem(''), E.left('the self-signed certificate is kept in memory only (--cert-dir is empty)'))
  const missing = path.join(dir, 'missing.crt')
  const r = servingCaPem(missing)
  assert.ok(E.isLeft(r) && r.left.startsWith(`cannot read ${missing}: ENOENT`), JSON.stringify(r))
  const junk = file('junk.crt', '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n')
  assert.equal(servingCaPem(junk), E.left(`${junk} holds no certificate that parses`))
  const empty = file('empty.crt', '')
  assert.equal(servingCaPem(empty), E.left(`${empty} holds no certificate that parses`))
})

caOf.after(() => fs.rmSync(dir, { recursive: true, force: true }))
caOf.run()
