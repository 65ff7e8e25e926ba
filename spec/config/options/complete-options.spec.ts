import type { NetworkInterfaceInfo } from 'node:os'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ServeEnv, completeServeOptions } from '../../../src/config/options/complete-options.js'
import { type ServeOptions, serveOptionsDefaults } from '../../../src/config/options/serve-options.js'

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, netmask: '', family, mac: '', internal, cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo
const envOf = (...nics: NetworkInterfaceInfo[]): ServeEnv => ({ interfaces: () => ({ lo: [nic('127.0.0.1', 'IPv4', true)], eth0: nics }) })
const env = envOf(nic('fe80::1', 'IPv6'), nic('169.254.0.9', 'IPv4'), nic('10.1.2.3', 'IPv4'), nic('10.9.9.9', 'IPv4'))
const withServing = (s: Partial<ServeOptions['secureServing']>, r: Partial<ServeOptions['serverRun']> = {}): ServeOptions => ({
  ...serveOptionsDefaults,
  secureServing: { ...serveOptionsDefaults.secureServing, ...s },
  serverRun: { ...serveOptionsDefaults.serverRun, ...r },
})

const complete = suite('completeServeOptions')

complete('an unspecified bind address advertises the first non-loopback, non-link-local IPv4', () => {
  const c = completeServeOptions(serveOptionsDefaults, env)
  assert.is(c.serverRun.advertiseAddress, '10.1.2.3')
  assert.is(c.serverRun.externalHost, '10.1.2.3')
  assert.is(c.completed.externalAddress, '10.1.2.3:6443')
})

complete('a loopback bind address also advertises a host interface, as upstream', () => {
  assert.is(completeServeOptions(withServing({ bindAddress: '127.0.0.1' }), env).serverRun.advertiseAddress, '10.1.2.3')
})

complete('a specific bind address is advertised as is', () => {
  assert.is(completeServeOptions(withServing({ bindAddress: '192.168.1.5' }), env).serverRun.advertiseAddress, '192.168.1.5')
})

complete('a given advertise address wins; 0.0.0.0 counts as not given', () => {
  assert.is(completeServeOptions(withServing({}, { advertiseAddress: '172.16.0.1' }), env).serverRun.advertiseAddress, '172.16.0.1')
  assert.is(completeServeOptions(withServing({}, { advertiseAddress: '0.0.0.0' }), env).serverRun.advertiseAddress, '10.1.2.3')
})

complete('without a network interface the loopback address is advertised', () => {
  assert.is(completeServeOptions(serveOptionsDefaults, envOf()).serverRun.advertiseAddress, '127.0.0.1')
})

complete('the external host keeps a given value and gets the port unless it has one', () => {
  assert.is(
    completeServeOptions(withServing({}, { externalHost: 'api.example.com' }), env).completed.externalAddress,
    'api.example.com:6443',
  )
  assert.is(
    completeServeOptions(withServing({}, { externalHost: 'api.example.com:443' }), env).completed.externalAddress,
    'api.example.com:443',
  )
  assert.is(completeServeOptions(withServing({}, { advertiseAddress: 'fd00::1' }), env).completed.externalAddress, '[fd00::1]:6443')
})

complete('an empty TLS minimum becomes VersionTLS12; a given one stays', () => {
  assert.is(completeServeOptions(serveOptionsDefaults, env).secureServing.minTLSVersion, 'VersionTLS12')
  assert.is(completeServeOptions(withServing({ minTLSVersion: 'VersionTLS13' }), env).secureServing.minTLSVersion, 'VersionTLS13')
})

complete('without certificate files: <certDir>/apiserver.crt and .key, self-signed', () => {
  assert.equal(completeServeOptions(withServing({ certDir: '/tmp/certs' }), env).completed.servingCert, {
    certFile: '/tmp/certs/apiserver.crt',
    keyFile: '/tmp/certs/apiserver.key',
    selfSigned: true,
  })
})

complete('an empty certificate directory means an in-memory self-signed pair', () => {
  assert.equal(completeServeOptions(withServing({ certDir: '' }), env).completed.servingCert, {
    certFile: '',
    keyFile: '',
    selfSigned: true,
  })
})

complete('given certificate files are used as they are', () => {
  assert.equal(completeServeOptions(withServing({ certFile: 'a.crt', keyFile: 'a.key' }), env).completed.servingCert, {
    certFile: 'a.crt',
    keyFile: 'a.key',
    selfSigned: false,
  })
})

complete("the self-signed request names the advertise address, kube-apiserver's DNS names and a specific bind IP", () => {
  assert.equal(completeServeOptions(serveOptionsDefaults, env).completed.selfSignedRequest, {
    publicAddress: '10.1.2.3',
    alternateDNS: ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'],
    alternateIPs: [],
  })
  assert.equal(completeServeOptions(withServing({ bindAddress: '192.168.1.5' }), env).completed.selfSignedRequest.alternateIPs, [
    '192.168.1.5',
  ])
})

complete('leaves the other options alone', () => {
  const c = completeServeOptions(serveOptionsDefaults, env)
  assert.equal(c.authorization, serveOptionsDefaults.authorization)
  assert.equal(c.audit, serveOptionsDefaults.audit)
})

complete.run()
