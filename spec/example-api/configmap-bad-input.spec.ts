// Bad input from Kubernetes clients: each gets upstream's Status, nothing is stored, nothing throws.
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { run, statusOf } from '../support/request.js'
import { hex, kubectlCreateConfigMap } from '../endpoints/protobuf/fixtures.js'
import { bodyJson, bodyRequest, testHandler, testStore } from './fixtures.js'

const ns = '/api/v1/namespaces/default/configmaps'
const proto = { 'content-type': 'application/vnd.kubernetes.protobuf' }
const test = suite('configMapsHandler: bad protobuf and patches')

test("kubectl create configmap's real protobuf body creates the ConfigMap", async () => {
  const store = testStore()
  const res = await run(
    testHandler(store),
    bodyRequest('POST', `${ns}?fieldManager=kubectl-create&fieldValidation=Strict`, hex(kubectlCreateConfigMap), { headers: proto }),
  )
  assert.is(statusOf(res), 201)
  assert.equal(
    store.list('default').items.map((cm) => [cm.metadata.name, cm.data]),
    [['x', { a: 'b', c: '' }]],
  )
})

test("a truncated protobuf body is 400 with gogo's message, and nothing is stored", async () => {
  const store = testStore()
  const whole = hex(kubectlCreateConfigMap)
  const res = await run(testHandler(store), bodyRequest('POST', ns, whole.subarray(0, whole.length - 7), { headers: proto }))
  assert.is(statusOf(res), 400)
  assert.match(
    (await bodyJson(res))['message'],
    /^the object provided is unrecognized \(must be of type ConfigMap\): unexpected EOF \(6b387300/,
  )
  assert.is(store.list('').items.length, 0)
})

test('a protobuf body of another kind is 400 naming it, and nothing is stored', async () => {
  const store = testStore()
  const secret = Buffer.from(kubectlCreateConfigMap.replace('436f6e6669674d6170', '5365637265744d6170'), 'hex') // kind ConfigMap -> SecretMap
  const res = await run(testHandler(store), bodyRequest('POST', ns, secret, { headers: proto }))
  assert.is(statusOf(res), 400)
  assert.match((await bodyJson(res))['message'], /no kind "SecretMap" is registered for version "v1"/)
  assert.is(store.list('').items.length, 0)
})

test('any bytes as a protobuf body answer a Status and never store half an object', async () => {
  const store = testStore()
  const h = testHandler(store)
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), async (bytes) => {
      const res = await run(h, bodyRequest('POST', ns, Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0]), bytes]), { headers: proto }))
      const status = statusOf(res)
      return status === 400 || status === 201 || status === 422 || status === 409
    }),
    { numRuns: 200 },
  )
  for (const cm of store.list('').items) assert.ok(cm.metadata.uid !== '' && cm.metadata.resourceVersion !== '', 'stored objects are whole')
})

test.run()
