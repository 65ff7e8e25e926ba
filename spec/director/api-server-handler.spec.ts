import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Filter } from '../../src/core/index.js'
import {
  type DelegationTarget,
  emptyDelegate,
  emptyDelegateWithCustomHandler,
  handle,
  handlePrefix,
  newApiServerHandler,
  newPathMux,
  unlistedHandle,
} from '../../src/director/index.js'
import { makeRequest, run } from '../support/request.js'
import { answer, reply, right, tag } from './fixtures.js'

type Counts = Record<'a' | 'b' | 'c', number>

/** A stand-in for a server's filter chain that counts the requests it sees. */
const counting =
  (counts: Counts, name: keyof Counts): Filter =>
  (next) =>
  (req) => {
    counts[name] += 1
    return next(req)
  }

const servers = (last: DelegationTarget = emptyDelegate) => {
  const counts: Counts = { a: 0, b: 0, c: 0 }
  const c = right(
    newApiServerHandler({
      name: 'c',
      services: [{ root: '/apis/c.io/v1', handler: tag('c:ws') }],
      mux: right(
        pipe(
          newPathMux(),
          handle('/c', tag('c:/c')),
          E.chain(handle('/shared', tag('c:/shared'))),
          E.chain(unlistedHandle('/c-secret', tag('c:secret'))),
        ),
      ),
      delegate: last,
      buildHandlerChain: counting(counts, 'c'),
    }),
  )
  const b = right(
    newApiServerHandler({
      name: 'b',
      services: [{ root: '/apis/b.io/v1', handler: tag('b:ws') }],
      mux: right(pipe(newPathMux(), handle('/b', tag('b:/b')), E.chain(handle('/shared', tag('b:/shared'))))),
      delegate: c,
      buildHandlerChain: counting(counts, 'b'),
    }),
  )
  const a = right(
    newApiServerHandler({
      name: 'a',
      mux: right(pipe(newPathMux(), handle('/a', tag('a:/a')), E.chain(handlePrefix('/a-prefix/', tag('a:prefix'))))),
      delegate: b,
      buildHandlerChain: counting(counts, 'a'),
    }),
  )
  return { a, b, c, counts }
}

const wholeChain = ['/a', '/a-prefix/', '/apis/b.io/v1', '/apis/c.io/v1', '/b', '/c', '/shared']

const chain = suite('delegation chain')

chain('a request falls through each hop to the director of the next server, never its filters', async () => {
  const { a, counts } = servers()
  assert.is(await answer(a.fullHandlerChain, '/c'), 'c:/c')
  assert.is(await answer(a.fullHandlerChain, '/apis/c.io/v1/widgets'), 'c:ws')
  assert.is(await answer(a.fullHandlerChain, '/apis/b.io/v1'), 'b:ws')
  assert.is(await answer(a.fullHandlerChain, '/a-prefix/x'), 'a:prefix')
  assert.is(await answer(a.fullHandlerChain, '/c-secret'), 'c:secret')
  assert.equal(counts, { a: 5, b: 0, c: 0 })
})

chain('the nearest server that has a path answers it', async () => {
  const { a, b } = servers()
  assert.is(await answer(a.fullHandlerChain, '/shared'), 'b:/shared')
  assert.is(a.unprotectedHandler, a.director)
  assert.is(await answer(b.director, '/shared'), 'b:/shared')
})

chain('/ and /index.html list the paths of the server and all its delegates, sorted, once each', async () => {
  const { a, c, counts } = servers()
  for (const path of ['/', '/index.html']) {
    const r = await reply(a.fullHandlerChain, path)
    assert.is(r.status, 200)
    assert.equal(JSON.parse(r.body), { paths: wholeChain })
  }
  assert.equal(a.listedPaths(), wholeChain)
  assert.equal(c.listedPaths(), ['/apis/c.io/v1', '/c', '/shared'])
  assert.equal(counts, { a: 2, b: 0, c: 0 })
})

chain('at the end of the chain a miss is a 404 index listing of every path in the whole chain', async () => {
  const { a, counts } = servers()
  const res = await run(a.fullHandlerChain, makeRequest('/nowhere'))
  assert.equal(res.headers, { 'content-type': 'application/json' })
  const r = await reply(a.fullHandlerChain, '/nowhere')
  assert.is(r.status, 404)
  assert.equal(JSON.parse(r.body), { paths: wholeChain })
  assert.is(r.body.split('\n')[1], '  "paths": [')
  assert.equal(counts, { a: 2, b: 0, c: 0 })
})

chain('asked directly, a server further in lists itself and its delegates only', async () => {
  const { b } = servers()
  assert.equal(JSON.parse((await reply(b.fullHandlerChain, '/nowhere')).body), {
    paths: ['/apis/b.io/v1', '/apis/c.io/v1', '/b', '/c', '/shared'],
  })
})

chain('a custom last handler answers what no server has', async () => {
  const { a } = servers(emptyDelegateWithCustomHandler(tag('custom not-found')))
  assert.is(await answer(a.fullHandlerChain, '/nowhere'), 'custom not-found')
  assert.is((await reply(a.fullHandlerChain, '/')).status, 200)
  assert.equal(a.listedPaths(), wholeChain)
})

chain('routes added at run time are served and listed', async () => {
  const { a, c } = servers()
  assert.ok(E.isRight(c.mux.modify(handle('/late', tag('c:late')))))
  assert.is(await answer(a.fullHandlerChain, '/late'), 'c:late')
  assert.equal(JSON.parse((await reply(a.fullHandlerChain, '/')).body).paths, [...wholeChain, '/late'].sort())
})

chain.run()

const index = suite('newApiServerHandler index option')

index('without the index the end of the chain is Go plain 404, for / too', async () => {
  const only = right(newApiServerHandler({ name: 'only', enableIndex: false, mux: right(handle('/x', tag('x'))(newPathMux())) }))
  assert.equal(await reply(only.fullHandlerChain, '/nowhere'), { status: 404, body: '404 page not found\n' })
  assert.equal(await reply(only.fullHandlerChain, '/'), { status: 404, body: '404 page not found\n' })
  assert.is(only.fullHandlerChain, only.director)
})

index('a server without the index lets / fall through to its delegate index', async () => {
  const inner = right(newApiServerHandler({ name: 'inner', mux: right(handle('/inner', tag('i'))(newPathMux())) }))
  const outer = right(
    newApiServerHandler({ name: 'outer', enableIndex: false, mux: right(handle('/outer', tag('o'))(newPathMux())), delegate: inner }),
  )
  assert.equal(await reply(outer.director, '/'), { status: 200, body: '{\n  "paths": [\n    "/inner"\n  ]\n}' })
  assert.equal(outer.listedPaths(), ['/inner', '/outer'])
})

index('a mux that already routes / is refused when the index is on', async () => {
  const mux = right(handle('/', tag('root'))(newPathMux()))
  assert.equal(
    pipe(
      newApiServerHandler({ name: 's', mux }),
      E.map(() => 'built'),
    ),
    E.left({ _tag: 'DuplicatePath', path: '/' }),
  )
  const off = right(newApiServerHandler({ name: 's', mux, enableIndex: false }))
  assert.is(await answer(off.director, '/'), 'root')
})

index.run()
