import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import { parseQuery } from '../../src/core/index.js'
import { requiresExactMatch } from '../../src/request/index.js'
import { decodeListOptions, listRequest, watchRequested } from '../../src/request/list-options.js'

const decode = suite('decodeListOptions')
const q = (raw: string) => decodeListOptions(parseQuery(raw))

decode('an empty query decodes to no watch and no field selector', () => {
  assert.equal(q(''), E.right({ watch: false, fieldSelector: [] }))
})

decode('reads watch with the codec rule: 0 and any-case false are false, anything else true', () => {
  const watch = (raw: string) => E.map((o: { watch: boolean }) => o.watch)(q(raw))
  assert.equal(
    [watch('watch=0'), watch('watch=FaLsE'), watch('watch=1'), watch('watch='), watch('x=1')],
    [E.right(false), E.right(false), E.right(true), E.right(true), E.right(false)],
  )
})

decode('parses the first fieldSelector value', () => {
  assert.equal(
    q('fieldSelector=metadata.name%3Da&fieldSelector=bad'),
    E.right({ watch: false, fieldSelector: [{ field: 'metadata.name', operator: '=', value: 'a' }] }),
  )
})

decode("fails on a non-int64 limit or timeoutSeconds, with strconv's message", () => {
  assert.equal(q('limit=ten'), E.left('strconv.ParseInt: parsing "ten": invalid syntax'))
  assert.equal(q('timeoutSeconds=99999999999999999999'), E.left('strconv.ParseInt: parsing "99999999999999999999": value out of range'))
  assert.ok(E.isLeft(q('timeoutSeconds=')))
  assert.ok(E.isLeft(q('limit=1_000')))
  assert.ok(E.isRight(q('limit=-9223372036854775808&timeoutSeconds=0009')))
})

decode('fails on a malformed field or label selector, but not on an empty one', () => {
  assert.ok(E.isLeft(q('fieldSelector=foo')))
  assert.ok(E.isLeft(q('labelSelector=a%3D%3D%3Db')))
  assert.ok(E.isRight(q('labelSelector=&fieldSelector=')))
})

decode('never fails on string and bool parameters', () => {
  assert.ok(E.isRight(q('resourceVersion=x&resourceVersionMatch=y&continue=z&allowWatchBookmarks=w&sendInitialEvents=v')))
})

const manual = suite('watchRequested')

manual('is false when absent and for false or 0 in any case', () => {
  assert.equal(
    ['', 'watch=false', 'watch=FALSE', 'watch=0'].map((s) => watchRequested(parseQuery(s))),
    [false, false, false, false],
  )
})

manual('is true for anything else, even an empty value, and reads only the first value', () => {
  assert.equal(
    ['watch', 'watch=', 'watch=yes', 'watch=1&watch=0', 'watch=fal%C5%BFe'].map((s) => watchRequested(parseQuery(s))),
    [true, true, true, true, true],
  )
})

const list = suite('listRequest')

list('an empty query is a plain list', () => {
  assert.equal(listRequest(parseQuery('')), { watch: false, name: '' })
})

list('pins the name of an exact metadata.name requirement when the options decode', () => {
  assert.equal(listRequest(parseQuery('watch=1&fieldSelector=metadata.name%3Dweb&limit=5')), { watch: true, name: 'web' })
  assert.equal(listRequest(parseQuery('fieldSelector=metadata.name%3Dweb&labelSelector=%2Cx')), { watch: false, name: '' })
  assert.equal(listRequest(parseQuery('fieldSelector=metadata.name%3D..')), { watch: false, name: '' })
})

list('agrees with decoding everything first, whatever the query', () => {
  const reference = (raw: string) => {
    const q = parseQuery(raw)
    const opts = decodeListOptions(q)
    if (E.isLeft(opts)) return { watch: watchRequested(q), name: '' }
    const name = O.getOrElse(() => '')(requiresExactMatch(opts.right.fieldSelector, 'metadata.name'))
    return { watch: opts.right.watch, name: /^\.\.?$|[/%]/.test(name) ? '' : name }
  }
  const value = fc.constantFrom(
    '',
    '0',
    'false',
    'fal%C5%BFe',
    'true',
    'x',
    '5',
    'metadata.name%3Dweb',
    'metadata.name%3D%3Da,b%3Dc',
    'metadata.name%3Da%2Fb',
    'a%3D',
    '%2Cx',
    'x%20in%20(a)',
    'foo',
  )
  const key = fc.constantFrom('watch', 'fieldSelector', 'labelSelector', 'limit', 'timeoutSeconds', 'continue')
  const raw = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((kvs) => kvs.map(([k, v]) => `${k}=${v}`).join('&'))
  fc.assert(
    fc.property(raw, (r) => {
      assert.equal(listRequest(parseQuery(r)), reference(r), r)
    }),
    { numRuns: 400 },
  )
})

decode.run()
manual.run()
list.run()
