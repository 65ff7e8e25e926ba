import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { toResponse } from '../../src/core/status.js'
import type { JsonObject } from '../../src/endpoints/json-value.js'
import { negotiateResponse } from '../../src/endpoints/negotiate-response.js'
import { configMapDefinition } from '../../src/example-api/configmap-definition.js'
import { bodyText, makeRequest, statusOf } from '../support/request.js'

const cm: JsonObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', resourceVersion: '4', creationTimestamp: '2026-01-01T00:00:00Z' }, data: { k: 'v' } }
const list: JsonObject = { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '9' }, items: [cm] }
const now = () => Date.parse('2026-01-01T00:00:05Z')
const kubectl = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
const respond = (url: string, accept?: string) => {
  const r = negotiateResponse(makeRequest(url, { headers: accept === undefined ? {} : { accept } }), configMapDefinition, now)
  if (E.isLeft(r)) throw new Error('expected a negotiated form')
  return r.right
}

const negotiated = suite('negotiateResponse')

negotiated('without Accept writes the object as JSON', async () => {
  const res = respond('/')(200, cm)
  assert.is(await bodyText(res), `${JSON.stringify(cm)}\n`)
})

negotiated("kubectl's get writes a Table of the list", async () => {
  const res = respond('/', kubectl)(200, list)
  const body = JSON.parse(await bodyText(res))
  assert.equal([body.kind, body.metadata, body.rows[0].cells, body.rows[0].object.kind], ['Table', { resourceVersion: '9' }, ['a', 1, '5s'], 'PartialObjectMetadata'])
})

negotiated('a bad includeObject is 400 and a PartialObjectMetadataList of one object 406', () => {
  assert.is(statusOf(respond('/?includeObject=x', kubectl)(200, list)), 400)
  assert.is(statusOf(respond('/', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io')(200, cm)), 406)
})

negotiated('YAML when asked, with its content type', async () => {
  const res = respond('/', 'application/yaml')(201, cm)
  assert.equal([statusOf(res), res.headers['content-type']], [201, 'application/yaml'])
  assert.match(await bodyText(res), /^apiVersion: v1\ndata:\n {2}k: v\nkind: ConfigMap\n/)
})

negotiated('an Accept the server cannot write is 406 before any object is known', () => {
  const r = negotiateResponse(makeRequest('/', { headers: { accept: 'application/vnd.kubernetes.protobuf' } }), configMapDefinition, now)
  assert.ok(E.isLeft(r))
  if (E.isLeft(r)) assert.is(statusOf(toResponse(r.left)), 406)
})
negotiated.run()
