import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import {
  type RawRequest,
  type Request,
  attr,
  get,
  header,
  headerValues,
  neverCancelled,
  newCancelSource,
  newRequest,
  put,
  withCancel,
  withHeaders,
} from '../../src/core/index.js'
import { makeRequest } from '../support/request.js'
import { http1Request, http2Request } from './node-request.js'

const request = suite('Request')

request('exposes method, path, query and headers', () => {
  const req = makeRequest('/api/v1/pods?limit=5', { method: 'POST', headers: { 'x-a': '1' } })
  assert.is(req.method, 'POST')
  assert.is(req.path, '/api/v1/pods')
  assert.is(req.rawQuery, 'limit=5')
  assert.is(req.url, '/api/v1/pods?limit=5')
  assert.is(req.headers['x-a'], '1')
  assert.is(req.raw, undefined)
})

request('withHeaders replaces headers and keeps attributes', () => {
  const k = attr<number>('k')
  const req = put(makeRequest('/', { headers: { authorization: 'Bearer x' } }), k, 7)
  const stripped = withHeaders(req, {})
  assert.is(header(stripped, 'authorization'), undefined)
  assert.is(header(req, 'authorization'), 'Bearer x')
  assert.equal(get(stripped, k), O.some(7))
})

request('header gives the first value, headerValues every value', () => {
  const req = makeRequest('/', { headers: { 'impersonate-group': ['a', 'b'], single: 'x' } })
  assert.is(header(req, 'impersonate-group'), 'a')
  assert.equal(headerValues(req, 'impersonate-group'), ['a', 'b'])
  assert.equal(headerValues(req, 'single'), ['x'])
  assert.equal(headerValues(req, 'none'), [])
})

const repeated = [
  ['Impersonate-Group', 'g1'],
  ['impersonate-group', 'g2'],
  ['Authorization', 'Bearer a'],
  ['Authorization', 'Bearer b'],
  ['Accept', '*/*'],
] as const

request('headerValues reads repeated lines of a node HTTP/1 request apart, also after withHeaders dropped another header', () => {
  const req = http1Request(repeated)
  assert.is(header(req, 'impersonate-group'), 'g1, g2') // node's own join
  assert.equal(headerValues(req, 'impersonate-group'), ['g1', 'g2'])
  assert.is(header(req, 'authorization'), 'Bearer a') // node keeps only the first
  assert.equal(headerValues(req, 'authorization'), ['Bearer a', 'Bearer b'])
  const { authorization: _, ...rest } = req.headers
  const stripped = put(withHeaders(req, rest), attr<number>('k'), 1)
  assert.equal(headerValues(stripped, 'impersonate-group'), ['g1', 'g2'])
  assert.equal(headerValues(stripped, 'authorization'), [])
  assert.equal(headerValues(stripped, 'accept'), ['*/*'])
})

request('headerValues reads repeated lines of an HTTP/2 request from rawHeaders, also after withHeaders', () => {
  const lower = repeated.map(([n, v]) => [n.toLowerCase(), v] as const)
  const req = http2Request(lower)
  assert.is(header(req, 'impersonate-group'), 'g1, g2')
  assert.equal(headerValues(req, 'impersonate-group'), ['g1', 'g2'])
  const { authorization: _, ...rest } = req.headers
  assert.equal(headerValues(withHeaders(req, rest), 'impersonate-group'), ['g1', 'g2'])
})

request('a long header list (indexed once per request) gives the same lines as a short one, for every copy', () => {
  const junk = Array.from({ length: 40 }, (_, i) => [`X-Junk-${i}`, 'j'] as const)
  const req = http1Request([...junk, ...repeated])
  const copy = put(req, attr<number>('k'), 1)
  for (const r of [req, copy, withHeaders(req, { ...req.headers })]) {
    assert.equal(headerValues(r, 'impersonate-group'), ['g1', 'g2'])
    assert.equal(headerValues(r, 'authorization'), ['Bearer a', 'Bearer b'])
    assert.equal(headerValues(r, 'x-junk-39'), ['j'])
  }
  assert.equal(headerValues(withHeaders(req, { ...req.headers, 'impersonate-group': 'x' }), 'impersonate-group'), ['x'])
})

request('a long header list is read from the node request once, however many headers are looked up', () => {
  const flat = Array.from({ length: 40 }, (_, i) => [`x-h-${i}`, `v${i}`]).flat()
  let reads = 0
  const headers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-h-${i}`, `v${i}`]))
  const raw = {
    httpVersionMajor: 2,
    headers,
    get rawHeaders() {
      return (reads++, flat)
    },
  }
  const req = newRequest({
    method: 'GET',
    target: { url: '/', path: '/', rawPath: '/', rawQuery: '' },
    headers,
    raw: raw as unknown as RawRequest,
  })
  for (let i = 0; i < 40; i++) assert.equal(headerValues(put(req, attr<number>('k'), i), `x-h-${i}`), [`v${i}`])
  assert.is(reads, 1)
})

request("a header a filter changed or added gives its own value, not the node request's lines", () => {
  const req = http1Request(repeated)
  const changed = withHeaders(req, { ...req.headers, 'impersonate-group': 'x, y', 'x-added': ['p', 'q'] })
  assert.equal(headerValues(changed, 'impersonate-group'), ['x, y'])
  assert.equal(headerValues(changed, 'x-added'), ['p', 'q'])
})

request("a node request that keeps no header lines (a spec fake) falls back to the Request's own values", () => {
  const fake = (raw: unknown) =>
    newRequest({
      method: 'GET',
      target: { url: '/', path: '/', rawPath: '/', rawQuery: '' },
      headers: { a: 'x, y', b: ['1', '2'] },
      raw: raw as RawRequest,
    })
  for (const raw of [{ socket: {} }, { httpVersionMajor: 2 }]) {
    assert.equal(headerValues(fake(raw), 'a'), ['x, y'])
    assert.equal(headerValues(fake(raw), 'b'), ['1', '2'])
  }
})

request('the signal follows the cancel token, also across put', () => {
  const src = newCancelSource()
  const req = put(makeRequest('/', { cancel: src }), attr<string>('a'), 'v')
  const signal = req.signal
  assert.is(signal.aborted, false)
  src.cancel(new Error('client went away'))
  assert.is(signal.aborted, true)
  assert.is(req.cancel.cancelled, true)
})

request('withCancel swaps cancellation for inner handlers only', () => {
  const outer = newCancelSource()
  const inner = newCancelSource(outer.token)
  const req = makeRequest('/', { cancel: outer })
  const innerReq = withCancel(req, inner.token)
  inner.cancel('timeout')
  assert.is(innerReq.signal.aborted, true)
  assert.is(req.signal.aborted, false)
})

request('put, withHeaders and withCancel keep every field, also of a Request not made by newRequest', () => {
  const k = attr<number>('k')
  const made = makeRequest('/api/v1/pods?watch=1', { method: 'PUT', headers: { 'x-a': '1' } })
  const literal: Request = {
    method: 'PATCH',
    url: '/b?x=1',
    path: '/b',
    rawPath: '/b',
    rawQuery: 'x=1',
    headers: { 'x-b': '2' },
    raw: undefined,
    cancel: neverCancelled,
    signal: neverCancelled.signal,
    attributes: undefined,
  }
  const fields = (r: Request) => [r.method, r.url, r.path, r.rawPath, r.rawQuery, r.raw]
  for (const req of [made, literal]) {
    const src = newCancelSource()
    const copies = [put(req, k, 1), withHeaders(req, { 'x-c': '3' }), withCancel(req, src.token), put(put(req, k, 1), k, 2)]
    for (const copy of copies) assert.equal(fields(copy), fields(req))
    assert.equal(get(copies[3] as Request, k), O.some(2))
    assert.is((copies[2] as Request).cancel, src.token)
    assert.equal((copies[1] as Request).headers, { 'x-c': '3' })
  }
})

request.run()
