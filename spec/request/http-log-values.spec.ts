import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { get, put } from '../../src/core/index.js'
import { addHttpLogKeyValue, httpLogValuesKey } from '../../src/request/http-log-values.js'
import { makeRequest } from '../support/request.js'

const add = suite('addHttpLogKeyValue')

add('appends pairs in order to the request record', () => {
  const values = { pairs: [] as Array<readonly [string, unknown]> }
  const req = put(makeRequest('/'), httpLogValuesKey, values)
  addHttpLogKeyValue(req, 'apf_pl', 'exempt')
  addHttpLogKeyValue(req, 'apf_iseats', 1)
  assert.equal(values.pairs, [
    ['apf_pl', 'exempt'],
    ['apf_iseats', 1],
  ])
})

add('does nothing when HTTP logging is off', () => {
  const req = makeRequest('/')
  addHttpLogKeyValue(req, 'apf_pl', 'exempt')
  assert.equal(get(req, httpLogValuesKey), O.none)
})

add.run()
