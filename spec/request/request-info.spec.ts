import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { attr, get, put } from '../../src/core/index.js'
import { type RequestInfo, newRequestInfoResolver, requestInfoKey } from '../../src/request/index.js'
import { makeRequest } from '../support/request.js'

const key = suite('requestInfoKey')

const info = E.getOrElseW(() => undefined)(newRequestInfoResolver()('GET', '/api/v1/pods')) as RequestInfo

key('stores a RequestInfo on a request and reads the same value back', () => {
  const req = put(makeRequest('/api/v1/pods'), requestInfoKey, info)
  assert.equal(get(req, requestInfoKey), O.some(info))
  assert.is(O.toUndefined(get(req, requestInfoKey)), info)
})

key('is named RequestInfo and is not shadowed by another key of the same name', () => {
  assert.is(requestInfoKey.name, 'RequestInfo')
  const req = put(makeRequest('/x'), attr<RequestInfo>('RequestInfo'), info)
  assert.equal(get(req, requestInfoKey), O.none)
})

key.run()
