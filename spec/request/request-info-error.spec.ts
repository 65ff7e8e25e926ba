import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { requestInfoError } from '../../src/request/index.js'
import { undeterminedKindError } from '../../src/request/request-info-error.js'

const make = suite('requestInfoError')

make('is a tagged value with a message and the partial info', () => {
  assert.equal(requestInfoError('bad', O.none), { _tag: 'RequestInfoError', message: 'bad', partial: O.none })
})

const undetermined = suite('undeterminedKindError')

const target = (url: string, path: string, rawPath: string, rawQuery: string) => ({ url, path, rawPath, rawQuery })
const partial = {
  isResourceRequest: true,
  path: '/api/v1/watch',
  verb: 'get',
  apiPrefix: 'api',
  apiGroup: '',
  apiVersion: 'v1',
  namespace: '',
  resource: '',
  subresource: '',
  name: '',
  parts: [],
  fieldSelector: '',
  labelSelector: '',
}

undetermined('prints the path as received when it is a valid encoding', () => {
  const e = undeterminedKindError(target('/api/v%31/watch?a=b', '/api/v1/watch', '/api/v%31/watch', 'a=b'), partial)
  assert.is(e.message, 'unable to determine kind and namespace from url, /api/v%31/watch?a=b')
  assert.equal(e.partial, O.some(partial))
})

undetermined('re-escapes the decoded path when the received one holds characters Go would escape', () => {
  const e = undeterminedKindError(target('/api/v1/watch é', '/api/v1/watch é', '/api/v1/watch é', ''), partial)
  assert.is(e.message, 'unable to determine kind and namespace from url, /api/v1/watch%20%C3%A9')
})

make.run()
undetermined.run()
