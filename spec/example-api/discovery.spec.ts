import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { apiVersionsHandler, authenticationGroupHandler } from '../../src/example-api/discovery.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const versions = suite('apiVersionsHandler')
versions('lists v1 with the advertised or Host address', async () => {
  const fixed = await bodyText(await run(apiVersionsHandler('10.0.0.1:6443'), makeRequest('/api')))
  assert.is(
    fixed,
    '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]}\n',
  )
  const host = JSON.parse(await bodyText(await run(apiVersionsHandler(''), makeRequest('/api/', { headers: { host: 'h:1' } }))))
  assert.is(host.serverAddressByClientCIDRs[0].serverAddress, 'h:1')
  assert.is(statusOf(await run(apiVersionsHandler(''), makeRequest('/api/x'))), 404)
  assert.is(statusOf(await run(apiVersionsHandler(''), makeRequest('/api', { method: 'PUT' }))), 405)
})
versions.run()

const group = suite('authenticationGroupHandler')
group('answers the APIGroup', async () => {
  const body = JSON.parse(await bodyText(await run(authenticationGroupHandler, makeRequest('/apis/authentication.k8s.io'))))
  assert.equal([body.kind, body.name, body.preferredVersion.version], ['APIGroup', 'authentication.k8s.io', 'v1'])
})
group.run()
