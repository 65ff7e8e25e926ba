import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { servingCertProblems } from '../../src/cli/serving-cert-problems.js'
import { fakeClock, recordingLogger } from '../../src/core/index.js'
import { type SecureServingInfo, secureServingDefaults } from '../../src/serve/secure-serving-info.js'
import type { SelfSignedRequest } from '../../src/serve/self-signed.js'
import { ca, sign, strangerCa } from '../auth/fixtures.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-serving-cert-problems-'))
const write = (name: string, text: string): string => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name))
const req: SelfSignedRequest = { publicAddress: '127.0.0.1', alternateDNS: [], alternateIPs: [] }
const server = sign(ca, 'localhost', { usage: 'server', dnsNames: ['localhost'] })
const f = {
  cert: write('server.crt', server.certPem),
  key: write('server.key', server.keyPem),
  strangerKey: write('stranger.key', strangerCa.keyPem),
  badKey: write('bad.key', '-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n'),
}

const problems = (info: Partial<SecureServingInfo>) => {
  const logger = recordingLogger()
  const got = servingCertProblems({ ...secureServingDefaults, certDir: '', ...info }, req, {
    clock: fakeClock(Date.UTC(2030, 0, 1)),
    log: logger.log,
  })
  return { got, logged: logger.entries.map((e) => e.msg) }
}

const certs = suite('servingCertProblems')

certs('finds nothing wrong with a good serving pair and a good SNI pair', () => {
  assert.equal(problems({ certFile: f.cert, keyFile: f.key, sniCertKeys: [{ certFile: f.cert, keyFile: f.key, names: [] }] }).got, [])
})

certs('makes nothing when the pair is to be kept in memory (serveSecurely makes it)', () => {
  assert.equal(problems({ certDir: '' }), { got: [], logged: [] })
})

certs('names each bad SNI pair by its flag and file, beside a bad serving key', () => {
  const { got } = problems({
    certFile: f.cert,
    keyFile: f.badKey,
    sniCertKeys: [
      { certFile: f.cert, keyFile: f.strangerKey, names: ['a.example'] },
      { certFile: '', keyFile: f.key, names: [] },
    ],
  })
  assert.equal(
    got.map((p) => p.path),
    [`--tls-private-key-file ${f.badKey}`, `--tls-sni-cert-key ${f.strangerKey}`, `--tls-sni-cert-key ,${f.key}`],
  )
  assert.equal(
    got.slice(1).map((p) => p.message),
    ['invalid SNI cert keypair: private key does not match public key', 'missing filename for SNI cert'],
  )
})

certs('writes the self-signed pair into --cert-dir and reports nothing; the next check reuses it', () => {
  const certDir = path.join(dir, 'certs')
  assert.equal(problems({ certDir }), {
    got: [],
    logged: [`Generated self-signed cert (${certDir}/apiserver.crt, ${certDir}/apiserver.key)`],
  })
  assert.equal(problems({ certDir }), { got: [], logged: [] })
})

certs.after(() => fs.rmSync(dir, { recursive: true, force: true }))

certs.run()
