import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { parseTarget, unescape } from '../../src/core/index.js'

const target = suite('parseTarget')

target('splits path and query', () => {
  assert.equal(
    parseTarget('/api/v1/pods?watch=1&x=2'),
    E.right({ url: '/api/v1/pods?watch=1&x=2', path: '/api/v1/pods', rawPath: '/api/v1/pods', rawQuery: 'watch=1&x=2' }),
  )
})

target('decodes the path like Go URL.Path, %2F included', () => {
  const t = parseTarget('/api/v1/namespaces/a%2Fb/pods%20x')
  assert.ok(E.isRight(t))
  if (E.isRight(t)) {
    assert.is(t.right.path, '/api/v1/namespaces/a/b/pods x')
    assert.is(t.right.rawPath, '/api/v1/namespaces/a%2Fb/pods%20x')
  }
})

target('rejects a malformed escape', () => {
  assert.equal(parseTarget('/a%zz'), E.left('invalid URL escape "%zz"'))
  assert.ok(E.isLeft(parseTarget('/a%')))
})

target('reduces an absolute-form target to path and query', () => {
  const t = parseTarget('http://example.com:8080/healthz?verbose')
  assert.ok(E.isRight(t))
  if (E.isRight(t)) {
    assert.is(t.right.path, '/healthz')
    assert.is(t.right.rawQuery, 'verbose')
  }
})

target('drops a fragment and keeps an empty query', () => {
  const t = parseTarget('/x?#frag')
  assert.ok(E.isRight(t))
  if (E.isRight(t)) assert.equal([t.right.path, t.right.rawQuery], ['/x', ''])
})

target('rejects a relative target', () => {
  assert.ok(E.isLeft(parseTarget('api/v1')))
})

target('never throws on any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const r = parseTarget(`/${s}`)
      return E.isLeft(r) || E.isRight(r)
    }),
  )
})

const unescapeSuite = suite('unescape')

unescapeSuite('turns invalid UTF-8 into replacement characters instead of failing', () => {
  assert.equal(unescape('%FFa'), E.right('\uFFFDa'))
})

unescapeSuite('decodes multi-byte UTF-8', () => {
  assert.equal(unescape('%C3%A9'), E.right('é'))
})

target.run()
unescapeSuite.run()
