// Row "bare node http2 (stream API)": the hello through `stream.respond`, node's fastest HTTP/2 path;
// shown for information (the compat row is the baseline).
import { createSecureServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { benchCertificate } from './bench-certificate.js'

const headers = { ':status': 200, 'content-type': 'text/plain; charset=utf-8', 'content-length': '5' }
const pair = benchCertificate()
const server = createSecureServer({ cert: pair.certPem, key: pair.keyPem, allowHTTP1: true })
server.on('stream', (stream) => {
  stream.respond(headers)
  stream.end('hello')
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`))
