import { createHash } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Handler, Response } from '../../../src/core/index.js'
import { fakeClock } from '../../../src/core/fake-clock.js'
import { gnosticV2Document } from '../../../src/endpoints/openapi/gnostic-v2-types.js'
import { openApiServices } from '../../../src/endpoints/openapi/openapi-services.js'
import { bodyText, makeRequest, run, statusOf } from '../../support/request.js'
import { coreV1, groups, models } from './served-fixtures.js'

const clock = fakeClock(Date.UTC(2026, 11, 7, 3, 0, 0))
const [v3, v2] = openApiServices(groups, models, { clock }) as [{ root: string; handler: Handler }, { root: string; handler: Handler }]
const get = (h: Handler, url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> =>
  run(h, makeRequest(url, { method, headers }))
const headersOf = (r: Response): Record<string, unknown> => r.headers as Record<string, unknown>
const sha512 = (s: string): string => createHash('sha512').update(s).digest('hex').toUpperCase()
const indexOf = async (h: Handler): Promise<Record<string, { serverRelativeURL: string }>> =>
  JSON.parse(await bodyText(await get(h, '/openapi/v3')))['paths']

const v3s = suite('openApiServices: /openapi/v3')

v3s('serves under /openapi/v3 and /openapi/v2', () => {
  assert.is(v3.root, '/openapi/v3')
  assert.is(v2.root, '/openapi/v2')
})

v3s('the index names each group version with the URL of its document and the SHA-512 of its bytes, upper-case hex', async () => {
  const index = await indexOf(v3.handler)
  assert.equal(Object.keys(index), ['api/v1', 'apis/authentication.k8s.io/v1', 'apis/authorization.k8s.io/v1'])
  const url = index['api/v1']!.serverRelativeURL
  assert.match(url, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/)
  const doc = await bodyText(await get(v3.handler, '/openapi/v3/api/v1'))
  assert.is(url.split('hash=')[1], sha512(doc))
  const res = await get(v3.handler, '/openapi/v3')
  assert.is(headersOf(res)['content-type'], 'application/json')
  assert.is(headersOf(res)['etag'], `"${sha512(await bodyText(res))}"`)
})

v3s('a document is JSON with its hash as quoted ETag and Vary: Accept; no hash, no immutable caching', async () => {
  const res = await get(v3.handler, '/openapi/v3/apis/authorization.k8s.io/v1', { accept: 'application/json' })
  const body = await bodyText(res)
  assert.is(statusOf(res), 200)
  assert.is(JSON.parse(body)['openapi'], '3.0.0')
  assert.is(headersOf(res)['etag'], `"${sha512(body)}"`)
  assert.is(headersOf(res)['vary'], 'Accept')
  assert.is(headersOf(res)['cache-control'], undefined)
  assert.is(headersOf(res)['last-modified'], 'Mon, 07 Dec 2026 03:00:00 GMT')
})

v3s('the current hash adds Cache-Control: public, immutable and Expires a year ahead', async () => {
  const url = (await indexOf(v3.handler))['api/v1']!.serverRelativeURL
  const res = await get(v3.handler, url)
  assert.is(statusOf(res), 200)
  assert.is(headersOf(res)['cache-control'], 'public, immutable')
  assert.is(headersOf(res)['expires'], 'Tue, 07 Dec 2027 03:00:00 UTC')
})

v3s('a stale hash is a 301 to the current URL', async () => {
  const url = (await indexOf(v3.handler))['api/v1']!.serverRelativeURL
  const res = await get(v3.handler, '/openapi/v3/api/v1?hash=0123ABCD')
  assert.is(statusOf(res), 301)
  assert.is(headersOf(res)['location'], url)
  assert.is(await bodyText(res), '')
})

v3s('the hash changes when the document changes', async () => {
  const readOnly = { ...coreV1, served: [{ definition: { ...coreV1.served[0]!.definition, verbs: ['get', 'list'] } }] }
  const [other] = openApiServices([readOnly], models)
  const before = (await indexOf(v3.handler))['api/v1']!.serverRelativeURL
  const after = (await indexOf(other!.handler))['api/v1']!.serverRelativeURL
  assert.is.not(before, after)
  assert.is(statusOf(await get(other!.handler, before)), 301)
})

v3s('If-None-Match with the ETag is 304 without a body or Content-Type', async () => {
  const first = await get(v3.handler, '/openapi/v3/api/v1')
  const res = await get(v3.handler, '/openapi/v3/api/v1', { 'if-none-match': headersOf(first)['etag'] as string })
  assert.is(statusOf(res), 304)
  assert.is(await bodyText(res), '')
  assert.is(headersOf(res)['content-type'], undefined)
  assert.is(statusOf(await get(v3.handler, '/openapi/v3/api/v1', { 'if-none-match': '"other"' })), 200)
})

v3s('an Accept that admits no JSON is 406 without a body; */* and none are JSON', async () => {
  const res = await get(v3.handler, '/openapi/v3/api/v1', { accept: 'application/com.github.proto-openapi.spec.v3.v1.0+protobuf' })
  assert.is(statusOf(res), 406)
  assert.is(await bodyText(res), '')
  assert.is(statusOf(await get(v3.handler, '/openapi/v3/api/v1', { accept: '*/*' })), 200)
  assert.is(statusOf(await get(v3.handler, '/openapi/v3/api/v1', { accept: 'text/html, application/*;q=0.5' })), 200)
})

v3s('unknown group versions and paths below a document are 404', async () => {
  assert.is(statusOf(await get(v3.handler, '/openapi/v3/apis/apps/v1')), 404)
  assert.is(statusOf(await get(v3.handler, '/openapi/v3/api/v1/x')), 404)
  assert.is(statusOf(await get(v3.handler, '/openapi/v3/')), 404)
})

v3s.run()

const v2s = suite('openApiServices: /openapi/v2')

v2s('JSON for application/json, */* and no Accept, with ETag, Vary and Content-Type', async () => {
  for (const headers of [{ accept: 'application/json' }, { accept: '*/*' }, {}] as Array<Record<string, string>>) {
    const res = await get(v2.handler, '/openapi/v2', headers)
    const body = await bodyText(res)
    assert.is(statusOf(res), 200)
    assert.is(JSON.parse(body)['swagger'], '2.0')
    assert.is(headersOf(res)['content-type'], 'application/json')
    assert.is(headersOf(res)['etag'], `"${sha512(body)}"`)
    assert.is(headersOf(res)['vary'], 'Accept')
  }
})

v2s('gnostic protobuf for both protobuf subtypes, labelled with the one without @, ETag of the JSON', async () => {
  const json = await bodyText(await get(v2.handler, '/openapi/v2'))
  for (const accept of [
    'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
    'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
  ]) {
    const res = await get(v2.handler, '/openapi/v2', { accept })
    assert.is(statusOf(res), 200)
    assert.is(headersOf(res)['content-type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf')
    assert.is(headersOf(res)['etag'], `"${sha512(json)}"`)
    const body = res._tag === 'Http' && res.body._tag === 'Bytes' ? res.body.value : ''
    const decoded = gnosticV2Document.toObject(gnosticV2Document.decode(body as Uint8Array)) as Record<string, any>
    assert.is(decoded['swagger'], '2.0')
  }
})

v2s('an Accept that admits neither JSON nor protobuf is 406', async () => {
  const res = await get(v2.handler, '/openapi/v2', { accept: 'text/html' })
  assert.is(statusOf(res), 406)
  assert.is(await bodyText(res), '')
})

v2s('HEAD answers the headers of GET', async () => {
  const res = await get(v2.handler, '/openapi/v2', {}, 'HEAD')
  assert.is(statusOf(res), 200)
  assert.is(headersOf(res)['content-type'], 'application/json')
})

v2s('paths below /openapi/v2 are 404', async () => {
  assert.is(statusOf(await get(v2.handler, '/openapi/v2/x')), 404)
})

v2s.run()
