import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPrettyPrint, negotiateOutput, negotiateWatchOutput } from '../../src/endpoints/negotiate-output.js'
import { makeRequest } from '../support/request.js'

const kubectl = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
const withAccept = (accept: string, url = '/api/v1/configmaps', ua?: string) =>
  makeRequest(url, { headers: { accept, ...(ua === undefined ? {} : { 'user-agent': ua }) } })
const tables = { allowsTable: true }

const output = suite('negotiateOutput')

output('no Accept header is compact JSON', () => {
  assert.equal(
    negotiateOutput(makeRequest('/'), tables),
    E.right({ format: 'json', mediaType: 'application/json', convert: undefined, pretty: false }),
  )
})

output("kubectl's get Accept header asks for a v1 Table in JSON", () => {
  const r = negotiateOutput(withAccept(kubectl), tables)
  assert.equal(r, E.right({ format: 'json', mediaType: 'application/json', convert: { kind: 'Table', version: 'v1' }, pretty: false }))
})

output('an endpoint without tables skips Table clauses and falls to plain JSON', () => {
  const r = negotiateOutput(withAccept(kubectl), { allowsTable: false })
  assert.equal(E.isRight(r) && r.right.convert, undefined)
})

output('a Table asked of another group or version is skipped', () => {
  assert.ok(E.isLeft(negotiateOutput(withAccept('application/json;as=Table;v=v2;g=meta.k8s.io'), tables)))
  assert.ok(E.isLeft(negotiateOutput(withAccept('application/json;as=Table;v=v1'), tables)))
  assert.ok(E.isLeft(negotiateOutput(withAccept('application/json;as=Pod;v=v1;g=meta.k8s.io'), tables)))
})

output('reads YAML, wildcards, q-values and PartialObjectMetadataList', () => {
  const format = (a: string) => E.map((t: { format: string }) => t.format)(negotiateOutput(withAccept(a), tables))
  assert.equal(format('application/yaml'), E.right('yaml'))
  assert.equal(format('application/yaml;q=0.5, application/json'), E.right('json'))
  assert.equal(format('application/json;q=0.1, application/yaml'), E.right('yaml'))
  assert.equal(format('*/*'), E.right('json'))
  assert.equal(format('application/*'), E.right('json'))
  const pom = negotiateOutput(withAccept('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io'), tables)
  assert.equal(E.isRight(pom) && pom.right.convert, { kind: 'PartialObjectMetadataList', version: 'v1' })
})

output("protobuf only is upstream's 406, listing the types this server writes", () => {
  const r = negotiateOutput(withAccept('application/vnd.kubernetes.protobuf'), tables)
  assert.ok(E.isLeft(r))
  if (E.isLeft(r) && r.left._tag === 'Status') {
    assert.is(r.left.status.code, 406)
    assert.is(r.left.status.reason, 'NotAcceptable')
    assert.is(r.left.status.message, 'only the following media types are accepted: application/json, application/yaml')
  }
})

output('stream=watch is JSON only', () => {
  assert.ok(E.isRight(negotiateOutput(withAccept('application/json;stream=watch'), tables)))
  assert.ok(E.isLeft(negotiateOutput(withAccept('application/yaml;stream=watch'), tables)))
  assert.ok(E.isLeft(negotiateOutput(withAccept('application/json;stream=other'), tables)))
})

output('pretty from ;pretty=1, ?pretty= or a curl User-Agent', () => {
  const pretty = (req: ReturnType<typeof makeRequest>) =>
    E.isRight(negotiateOutput(req, tables)) && (negotiateOutput(req, tables) as E.Right<{ pretty: boolean }>).right.pretty
  assert.is(pretty(withAccept('application/json;pretty=1')), true)
  assert.is(pretty(withAccept('application/json', '/?pretty=true')), true)
  assert.is(pretty(withAccept('application/json', '/', 'curl/8.0')), true)
  assert.is(pretty(withAccept('application/json', '/?pretty=0', 'curl/8.0')), false)
  assert.is(pretty(withAccept('application/json', '/', 'kubectl/v1.31')), false)
  assert.is(isPrettyPrint(makeRequest('/', { headers: { 'user-agent': 'Mozilla/5.0 (X11)' } })), true)
})

output('any Accept header gives a target or a 406, never a throw', () => {
  fc.assert(
    fc.property(fc.string(), (accept) => {
      const r = negotiateOutput(withAccept(accept), tables)
      return E.isRight(r) || (r.left._tag === 'Status' && r.left.status.code === 406)
    }),
  )
})
output.run()

const watch = suite('negotiateWatchOutput')
watch('a YAML watch is 406 listing the stream types', () => {
  const r = negotiateWatchOutput(withAccept('application/yaml'), tables)
  assert.ok(
    E.isLeft(r) &&
      r.left._tag === 'Status' &&
      r.left.status.message === 'only the following media types are accepted: application/json;stream=watch',
  )
})
watch('a Table watch is JSON with the conversion', () => {
  const r = negotiateWatchOutput(withAccept(kubectl), tables)
  assert.equal(E.isRight(r) && r.right.convert, { kind: 'Table', version: 'v1' })
})
watch.run()
