import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  type PathMux,
  handle,
  handlePrefix,
  listedPaths,
  muxErrorMessage,
  newPathMux,
  toHandler,
  unlistedHandle,
  unlistedHandlePrefix,
  unregister,
  withNotFound,
} from '../../src/director/index.js'
import { makeRequest, run } from '../support/request.js'
import { answer, reply, right, tag } from './fixtures.js'

const registration = suite('path mux registration')

registration('unlisted routes are served but not listed (TestSecretHandlers)', async () => {
  const mux = right(pipe(newPathMux(), unlistedHandle('/secret', tag('secret')), E.chain(handle('/nonswagger', tag('public')))))
  assert.equal(listedPaths(mux), ['/nonswagger'])
  assert.is(await answer(toHandler(mux), '/secret'), 'secret')
})

registration('listedPaths is a sorted copy of the listed exact and prefix paths', () => {
  const mux = right(
    pipe(
      newPathMux(),
      handle('/version', tag('v')),
      E.chain(handlePrefix('/logs/', tag('l'))),
      E.chain(unlistedHandlePrefix('/debug/', tag('d'))),
      E.chain(handle('/healthz', tag('h'))),
    ),
  )
  assert.equal(listedPaths(mux), ['/healthz', '/logs/', '/version'])
  assert.equal([...mux.routes.keys()], ['/version', '/logs/', '/debug/', '/healthz'])
})

registration('registering a path twice is a DuplicatePath naming it, exact and prefix alike', () => {
  const base = right(handle('/a/', tag('a'))(newPathMux()))
  const expected = E.left({ _tag: 'DuplicatePath', path: '/a/' })
  assert.equal(handle('/a/', tag('again'))(base), expected)
  assert.equal(unlistedHandle('/a/', tag('again'))(base), expected)
  assert.equal(handlePrefix('/a/', tag('again'))(base), expected)
  assert.equal(unlistedHandlePrefix('/a/', tag('again'))(base), expected)
  assert.is(muxErrorMessage({ _tag: 'DuplicatePath', path: '/a/' }), 'duplicate path registration of "/a/"')
})

registration('a prefix without a trailing slash is refused with upstream wording', () => {
  assert.equal(handlePrefix('/logs', tag('l'))(newPathMux()), E.left({ _tag: 'MissingTrailingSlash', path: '/logs' }))
  assert.equal(unlistedHandlePrefix('/x', tag('x'))(newPathMux()), E.left({ _tag: 'MissingTrailingSlash', path: '/x' }))
  assert.is(muxErrorMessage({ _tag: 'MissingTrailingSlash', path: '/logs' }), '"/logs" must end in a trailing slash')
})

registration('edits return new muxes and leave older ones as they were, even when branched', async () => {
  const m1 = right(handle('/one', tag('one'))(newPathMux()))
  const m2 = right(handle('/two', tag('two'))(m1))
  const m3 = right(handle('/three', tag('three'))(m1))
  assert.equal([...m1.routes.keys()], ['/one'])
  assert.equal([...m2.routes.keys()], ['/one', '/two'])
  assert.equal([...m3.routes.keys()], ['/one', '/three'])
  assert.is((await reply(toHandler(m1), '/two')).status, 404)
  assert.is(await answer(toHandler(m3), '/three'), 'three')
  assert.is((await reply(toHandler(m3), '/two')).status, 404)
  assert.ok(E.isRight(handle('/two', tag('two again'))(m1)))
  assert.ok(E.isRight(handle('/two', tag('two again'))(m3)))
  assert.ok(E.isLeft(handle('/two', tag('two again'))(m2)))
})

registration.run()

const dispatch = suite('path mux dispatch')

const prefixMux = (): PathMux =>
  right(
    pipe(
      newPathMux(),
      unlistedHandlePrefix('/secretPrefix/', tag('secretPrefix')),
      E.chain(handlePrefix('/publicPrefix/', tag('publicPrefix'))),
      E.chain(handlePrefix('/publicPrefix/but-more-precise/', tag('precisePrefix'))),
      E.chain(handle('/publicPrefix/exactmatch', tag('exactMatch'))),
      E.chain(handle('/otherPublic/exactmatchslash/', tag('slashMatch'))),
      E.map(withNotFound(tag('fallThrough'))),
    ),
  )

dispatch('follows TestPrefixHandlers: exact first, then the most specific prefix, else not-found', async () => {
  const h = toHandler(prefixMux())
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['/fallthrough', 'fallThrough'],
    ['/publicPrefix', 'fallThrough'],
    ['/publicPrefix/', 'publicPrefix'],
    ['/publicPrefix/something', 'publicPrefix'],
    ['/publicPrefix/but-more-precise', 'publicPrefix'],
    ['/publicPrefix/but-more-precise/', 'precisePrefix'],
    ['/publicPrefix/but-more-precise/more-stuff', 'precisePrefix'],
    ['/publicPrefix/exactmatch', 'exactMatch'],
    ['/publicPrefix/exactmatch/', 'publicPrefix'],
    ['/otherPublic/exactmatchslash', 'fallThrough'],
    ['/otherPublic/exactmatchslash/', 'slashMatch'],
    ['/secretPrefix/', 'secretPrefix'],
    ['/secretPrefix/something', 'secretPrefix'],
  ]
  for (const [path, expected] of cases) assert.is(await answer(h, path), expected, path)
  assert.equal(listedPaths(prefixMux()), [
    '/otherPublic/exactmatchslash/',
    '/publicPrefix/',
    '/publicPrefix/but-more-precise/',
    '/publicPrefix/exactmatch',
  ])
})

dispatch('the default not-found is Go http.NotFound: 404 text with nosniff', async () => {
  const res = await run(toHandler(newPathMux()), makeRequest('/nothing'))
  assert.equal(res._tag === 'Http' ? [res.status, res.headers] : res._tag, [
    404,
    { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  ])
  assert.is((await reply(toHandler(newPathMux()), '/nothing')).body, '404 page not found\n')
})

dispatch('unregister removes the route and its listing; the path can be registered again', async () => {
  const first = right(pipe(newPathMux(), unlistedHandle('/secret', tag('secret')), E.chain(handle('/nonswagger', tag('first')))))
  assert.is(await answer(toHandler(first), '/nonswagger'), 'first')
  const gone = unregister('/nonswagger')(first)
  assert.equal(listedPaths(gone), [])
  assert.is((await reply(toHandler(gone), '/nonswagger')).status, 404)
  const second = right(handle('/nonswagger', tag('second'))(gone))
  assert.equal(listedPaths(second), ['/nonswagger'])
  assert.is(await answer(toHandler(second), '/nonswagger'), 'second')
  assert.is(await answer(toHandler(first), '/nonswagger'), 'first')
})

dispatch('unregister removes prefix routes too and ignores unknown paths', async () => {
  const mux = prefixMux()
  const h = toHandler(unregister('/publicPrefix/but-more-precise/')(mux))
  assert.is(await answer(h, '/publicPrefix/but-more-precise/x'), 'publicPrefix')
  assert.is(unregister('/not-there')(mux), mux)
})

dispatch('withNotFound replaces only the fallback; toHandler can override it per handler', async () => {
  const mux = right(handle('/a', tag('a'))(newPathMux()))
  const custom = withNotFound(tag('custom'))(mux)
  assert.is(await answer(toHandler(custom), '/b'), 'custom')
  assert.is(await answer(toHandler(custom), '/a'), 'a')
  assert.is(await answer(toHandler(mux, tag('override')), '/b'), 'override')
  assert.is((await reply(toHandler(mux), '/b')).status, 404)
})

dispatch('many prefixes (looked up by the path) follow the same priority as few (scanned)', async () => {
  let mux = right(handlePrefix('/publicPrefix/', tag('publicPrefix'))(newPathMux()))
  for (let i = 0; i < 20; i++) mux = right(handlePrefix(`/filler/${i}/`, tag(`filler${i}`))(mux))
  mux = right(handlePrefix('/publicPrefix/but-more-precise/', tag('precisePrefix'))(mux))
  const h = toHandler(mux)
  assert.is(await answer(h, '/publicPrefix/but-more-precise'), 'publicPrefix')
  assert.is(await answer(h, '/publicPrefix/but-more-precise/deeper/still'), 'precisePrefix')
  assert.is(await answer(h, '/filler/7/x'), 'filler7')
  assert.is((await reply(h, '/filler/7')).status, 404)
})

dispatch.run()
