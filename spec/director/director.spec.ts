import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import fc from 'fast-check'
import { constant, text } from '../../src/core/index.js'
import { type WebService, director, handle, handlePrefix, newMuxRef, newPathMux, withNotFound } from '../../src/director/index.js'
import { answer, reply, right, tag } from './fixtures.js'

const ws = (root: string, name = root): WebService => ({ root, handler: tag(`ws:${name}`) })
const mux = right(pipe(newPathMux(), handle('/healthz', tag('mux:/healthz')), E.chain(handlePrefix('/apis/', tag('mux:/apis/')))))

const routing = suite('director')

routing('a service claims its root and paths below it, on a segment boundary only', async () => {
  const h = director({ services: [ws('/apis/apps/v1')], mux })
  assert.is(await answer(h, '/apis/apps/v1'), 'ws:/apis/apps/v1')
  assert.is(await answer(h, '/apis/apps/v1/'), 'ws:/apis/apps/v1')
  assert.is(await answer(h, '/apis/apps/v1/namespaces/default/deployments'), 'ws:/apis/apps/v1')
  assert.is(await answer(h, '/apis/apps/v1x'), 'mux:/apis/')
  assert.is(await answer(h, '/apis/apps/v1x/things'), 'mux:/apis/')
})

routing('a root of exactly /apis claims only /apis and /apis/; deeper paths go on to later services', async () => {
  const h = director({ services: [ws('/apis'), ws('/apis/apps')], mux })
  assert.is(await answer(h, '/apis'), 'ws:/apis')
  assert.is(await answer(h, '/apis/'), 'ws:/apis')
  assert.is(await answer(h, '/apis/apps/v1'), 'ws:/apis/apps')
  assert.is(await answer(h, '/apis/batch/v1'), 'mux:/apis/')
  assert.is((await reply(h, '/apisx')).status, 404)
})

routing('services are tried in registration order, not by specificity', async () => {
  const h = director({ services: [ws('/api'), ws('/api/v1')], mux })
  assert.is(await answer(h, '/api/v1/pods'), 'ws:/api')
  const g = director({ services: [ws('/api/v1'), ws('/api')], mux })
  assert.is(await answer(g, '/api/v1/pods'), 'ws:/api/v1')
  assert.is(await answer(g, '/api/v2'), 'ws:/api')
})

routing('a root of / claims / and //x but not /x', async () => {
  const h = director({ services: [ws('/')], mux })
  assert.is(await answer(h, '/'), 'ws:/')
  assert.is(await answer(h, '//x'), 'ws:/')
  assert.is(await answer(h, '/healthz'), 'mux:/healthz')
})

routing('a claiming service answers completely: its own 404 does not fall through to the mux', async () => {
  const strict: WebService = { root: '/healthz', handler: constant(text(404, 'service 404')) }
  assert.equal(await reply(director({ services: [strict], mux }), '/healthz'), { status: 404, body: 'service 404' })
})

routing('unclaimed paths go to the mux, then to the delegate instead of the mux not-found', async () => {
  const custom = withNotFound(tag('mux not-found'))(mux)
  assert.is(await answer(director({ mux: custom }), '/healthz'), 'mux:/healthz')
  assert.is(await answer(director({ mux: custom }), '/nowhere'), 'mux not-found')
  assert.is(await answer(director({ mux: custom, delegate: tag('delegate') }), '/nowhere'), 'delegate')
  assert.equal(await reply(director({ mux: newPathMux() }), '/nowhere'), { status: 404, body: '404 page not found\n' })
})

routing('a mux held in a cell is read per request, so routes added later are served', async () => {
  const ref = newMuxRef(newPathMux())
  const h = director({ services: [ws('/api')], mux: ref, delegate: tag('delegate') })
  assert.is(await answer(h, '/version'), 'delegate')
  ref.modify(handle('/version', tag('version')))
  assert.is(await answer(h, '/version'), 'version')
})

routing.run()

// Reference: upstream's loop read literally (HasPrefix plus a boundary byte, `/apis` special-cased).
const referenceClaim = (services: ReadonlyArray<WebService>, path: string): WebService | undefined =>
  services.find((s) =>
    s.root === '/apis'
      ? path === '/apis' || path === '/apis/'
      : path.startsWith(s.root) && (path.length === s.root.length || path[s.root.length] === '/'),
  )

const segment = fc.constantFrom('', 'a', 'b', 'apis', 'api', 'v1')
const pathArb = fc
  .tuple(fc.array(segment, { maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([segs, lead, trail]) => (lead ? '/' : '') + segs.join('/') + (trail ? '/' : ''))

const property = suite('director against the reference')

property('claims the same service as upstream for any services (few or many) and paths', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.array(pathArb, { maxLength: 16 }), fc.array(pathArb, { minLength: 17, maxLength: 32 })),
      fc.array(pathArb, { minLength: 1, maxLength: 10 }),
      async (roots, paths) => {
        const services = roots.map((root, i) => ws(root, String(i)))
        const h = director({ services, mux: newPathMux(), delegate: tag('none') })
        const below = roots.flatMap((r) => [`${r}/`, `${r}/a`, `${r}a/b`])
        for (const p of [...paths, ...roots, ...below].map((x) => (x.startsWith('/') ? x : `/${x}`))) {
          const claimed = referenceClaim(services, p)
          assert.is(await answer(h, p), claimed === undefined ? 'none' : `ws:${services.indexOf(claimed)}`, p)
        }
      },
    ),
    { numRuns: 150 },
  )
})

property.run()
