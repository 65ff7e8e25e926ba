// Row "bare node https": the hello written by hand on node:https (HTTP/1.1; clients negotiate TLS 1.3).
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { bareHello } from './bare-hello.js'
import { benchCertificate } from './bench-certificate.js'

const pair = benchCertificate()
const server = createServer({ cert: pair.certPem, key: pair.keyPem, minVersion: 'TLSv1.2' }, bareHello)
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`))
