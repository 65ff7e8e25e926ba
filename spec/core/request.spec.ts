import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { type Request, attr, get, header, headerValues, neverCancelled, newCancelSource, put, withCancel, withHeaders } from '../../src/core/index.js'
import { makeRequest } from '../support/request.js'

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
