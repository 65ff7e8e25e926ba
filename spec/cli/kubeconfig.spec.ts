import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { kubeconfigNames, kubeconfigYaml, serverUrl } from '../../src/cli/kubeconfig.js'

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'

const yaml = suite('kubeconfigYaml')

yaml('one cluster with the server and the CA, one admin user with the token, one context that is current', () => {
  const text = kubeconfigYaml({ server: 'https://127.0.0.1:6443', caPem: pem, token: 'abc' })
  assert.equal(parse(text), {
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': Buffer.from(pem).toString('base64'), server: 'https://127.0.0.1:6443' },
        name: 'kubechain',
      },
    ],
    contexts: [{ context: { cluster: 'kubechain', user: 'kubechain-admin' }, name: 'kubechain' }],
    'current-context': 'kubechain',
    kind: 'Config',
    preferences: {},
    users: [{ name: 'kubechain-admin', user: { token: 'abc' } }],
  })
})

yaml('keys come in the order kubectl config view prints them', () => {
  const top = kubeconfigYaml({ server: 'https://h:1', caPem: pem, token: 't' })
    .split('\n')
    .filter((l) => /^[a-z-]+:/i.test(l))
    .map((l) => l.split(':')[0])
  assert.equal(top, ['apiVersion', 'clusters', 'contexts', 'current-context', 'kind', 'preferences', 'users'])
})

yaml('without a CA the cluster has only its server; without a token the user has no credentials and another name', () => {
  const doc = parse(kubeconfigYaml({ server: 'https://[::1]:6443', caPem: undefined, token: undefined }))
  assert.equal(doc.clusters[0].cluster, { server: 'https://[::1]:6443' })
  assert.equal(doc.users, [{ name: kubeconfigNames.user, user: {} }])
  assert.is(doc.contexts[0].context.user, 'kubechain')
})

yaml.run()

const url = suite('serverUrl')

url('an unspecified bind address is reached on 127.0.0.1; a specific one as is, IPv6 in brackets', () => {
  assert.is(serverUrl('0.0.0.0', 6443), 'https://127.0.0.1:6443')
  assert.is(serverUrl('::', 6443), 'https://127.0.0.1:6443')
  assert.is(serverUrl('', 8443), 'https://127.0.0.1:8443')
  assert.is(serverUrl('10.0.0.7', 6443), 'https://10.0.0.7:6443')
  assert.is(serverUrl('::1', 6443), 'https://[::1]:6443')
})

url.run()
