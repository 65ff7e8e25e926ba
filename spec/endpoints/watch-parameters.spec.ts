import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { sendsInitialEvents, watchParameters } from '../../src/endpoints/watch-parameters.js'
import { makeRequest } from '../support/request.js'

const params = (query: string) => watchParameters(makeRequest(`/api/v1/configmaps?watch=1&${query}`))
const message = (query: string): string | undefined => {
  const r = params(query)
  return E.isLeft(r) && r.left._tag === 'Status' ? `${r.left.status.code} ${r.left.status.message}` : undefined
}

const watch = suite('watchParameters')

watch('reads the watch options', () => {
  assert.equal(
    params('resourceVersion=5&resourceVersionMatch=NotOlderThan&sendInitialEvents=true&allowWatchBookmarks=true&timeoutSeconds=30'),
    E.right({
      resourceVersion: '5',
      resourceVersionMatch: 'NotOlderThan',
      sendInitialEvents: true,
      allowWatchBookmarks: true,
      timeoutSeconds: 30,
    }),
  )
  assert.equal(
    params(''),
    E.right({
      resourceVersion: '',
      resourceVersionMatch: '',
      sendInitialEvents: undefined,
      allowWatchBookmarks: false,
      timeoutSeconds: undefined,
    }),
  )
})

watch('booleans are false only for 0 and false, in any case', () => {
  const bookmarks = (v: string) =>
    E.isRight(params(`allowWatchBookmarks=${v}`)) &&
    (params(`allowWatchBookmarks=${v}`) as E.Right<{ allowWatchBookmarks: boolean }>).right.allowWatchBookmarks
  assert.equal(['0', 'False', 'false', '1', 'true', 'yes'].map(bookmarks), [false, false, false, true, true, true])
})

watch('timeoutSeconds that is not an integer is 400', () => {
  assert.is(message('timeoutSeconds=ten'), '400 strconv.ParseInt: parsing "ten": invalid syntax')
  assert.is(message('timeoutSeconds=99999999999999999999'), '400 strconv.ParseInt: parsing "99999999999999999999": value out of range')
})

watch('sendInitialEvents without NotOlderThan is 422', () => {
  assert.is(
    message('sendInitialEvents=true'),
    '422 ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
  )
})

watch('resourceVersionMatch without sendInitialEvents, or other than NotOlderThan, is 422 with every error', () => {
  assert.is(
    message('resourceVersionMatch=NotOlderThan'),
    '422 ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
  )
  assert.is(
    message('sendInitialEvents=true&resourceVersionMatch=Exact'),
    '422 ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]',
  )
  assert.is(
    message('sendInitialEvents=true&resourceVersionMatch=NotOlderThan&continue=x'),
    '422 ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided',
  )
})

watch('the 422 carries a cause per error', () => {
  const r = params('sendInitialEvents=false')
  assert.ok(E.isLeft(r) && r.left._tag === 'Status')
  if (E.isLeft(r) && r.left._tag === 'Status') {
    assert.equal(r.left.status.details, {
      group: 'meta.k8s.io',
      kind: 'ListOptions',
      causes: [
        {
          reason: 'FieldValueForbidden',
          message: 'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
          field: 'resourceVersionMatch',
        },
      ],
    })
  }
})
watch('any values of its parameters give options or a 400/422, never a throw', () => {
  const keys = fc.constantFrom(
    'resourceVersion',
    'resourceVersionMatch',
    'sendInitialEvents',
    'allowWatchBookmarks',
    'timeoutSeconds',
    'continue',
  )
  fc.assert(
    fc.property(fc.array(fc.tuple(keys, fc.string())), (pairs) => {
      const q = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
      const r = params(q)
      return E.isRight(r) || (r.left._tag === 'Status' && [400, 422].includes(r.left.status.code))
    }),
  )
})
watch.run()

const initial = suite('sendsInitialEvents')
initial('defaults to true for resourceVersion "" or "0" only', () => {
  const of = (q: string) => sendsInitialEvents((params(q) as E.Right<Parameters<typeof sendsInitialEvents>[0]>).right)
  assert.equal(
    [
      of(''),
      of('resourceVersion=0'),
      of('resourceVersion=4'),
      of('resourceVersion=4&sendInitialEvents=true&resourceVersionMatch=NotOlderThan'),
      of('sendInitialEvents=false&resourceVersionMatch=NotOlderThan'),
    ],
    [true, true, false, true, false],
  )
})
initial.run()
