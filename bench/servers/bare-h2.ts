// Row "bare node http2 (compat)": the hello on http2.createSecureServer through the compatibility API
// (req/res), the API kubechain's adapter uses, so the HTTP/2 rows compare like with like.
import { createSecureServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { bareHello } from './bare-hello.js'
import { benchCertificate } from './bench-certificate.js'

const pair = benchCertificate()
const server = createSecureServer({ cert: pair.certPem, key: pair.keyPem, allowHTTP1: true }, bareHello)
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`))
