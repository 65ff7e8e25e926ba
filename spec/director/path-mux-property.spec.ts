import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import type { Handler } from '../../src/core/index.js'
import { type PathMux, handle, handlePrefix, newPathMux, unregister } from '../../src/director/index.js'
import { tag } from './fixtures.js'

// An obviously-correct reference: upstream's PathRecorderMux read literally. Exact routes by equality,
// then every prefix sorted by (more '/', longer, lexically greater) on every call, first match wins.
type Op = { readonly op: 'exact' | 'prefix' | 'unregister'; readonly path: string }
interface RefRoute {
  readonly kind: 'exact' | 'prefix'
  readonly path: string
  readonly handler: Handler
}

const slashes = (s: string): number => s.split('/').length - 1
const priority = (a: string, b: string): number => {
  if (slashes(a) !== slashes(b)) return slashes(b) - slashes(a)
  if (a.length !== b.length) return b.length - a.length
  return a === b ? 0 : a > b ? -1 : 1
}

const referenceMatch = (routes: ReadonlyArray<RefRoute>, path: string): Handler | undefined => {
  const exact = routes.find((r) => r.kind === 'exact' && r.path === path)
  if (exact !== undefined) return exact.handler
  const prefixes = routes.filter((r) => r.kind === 'prefix').sort((a, b) => priority(a.path, b.path))
  return prefixes.find((r) => path.startsWith(r.path))?.handler
}

const referenceApply = (routes: ReadonlyArray<RefRoute>, o: Op, handler: Handler): ReadonlyArray<RefRoute> => {
  if (o.op === 'unregister') return routes.filter((r) => r.path !== o.path)
  if (o.op === 'prefix' && !o.path.endsWith('/')) return routes
  if (routes.some((r) => r.path === o.path)) return routes
  return [...routes, { kind: o.op, path: o.path, handler }]
}

const muxApply = (mux: PathMux, o: Op, handler: Handler): PathMux => {
  if (o.op === 'unregister') return unregister(o.path)(mux)
  const edited = (o.op === 'exact' ? handle : handlePrefix)(o.path, handler)(mux)
  return E.isRight(edited) ? edited.right : mux
}

// Few segment names so that routes and paths collide often; '' makes '//' and trailing slashes.
const segment = fc.constantFrom('', 'a', 'b', 'ab', 'api', 'v1')
const pathArb = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([segs, lead, trail]) => (lead ? '/' : '') + segs.join('/') + (trail ? '/' : ''))
const opArb = fc.record({ op: fc.constantFrom<Op['op']>('exact', 'prefix', 'prefix', 'unregister'), path: pathArb })

const property = suite('path mux against the reference')

property('picks the same route as the reference for any routes, edits and paths', () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 40 }), fc.array(pathArb, { minLength: 1, maxLength: 20 }), (ops, paths) => {
      let mux = newPathMux()
      let ref: ReadonlyArray<RefRoute> = []
      ops.forEach((o, i) => {
        const h = tag(`route${i}`)
        mux = muxApply(mux, o, h)
        ref = referenceApply(ref, o, h)
      })
      for (const p of [...paths, ...ref.map((r) => r.path)]) assert.is(mux.matcher(p), referenceMatch(ref, p), p)
    }),
    { numRuns: 200 },
  )
})

property('older muxes keep exactly their own routes when later versions and branches are made from them', () => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.nat(), opArb, pathArb, (ops, at, branchOp, path) => {
      const versions: Array<{ mux: PathMux; ref: ReadonlyArray<RefRoute> }> = [{ mux: newPathMux(), ref: [] }]
      ops.forEach((o, i) => {
        const prev = versions[versions.length - 1]!
        const h = tag(`r${i}`)
        versions.push({ mux: muxApply(prev.mux, o, h), ref: referenceApply(prev.ref, o, h) })
      })
      const base = versions[at % versions.length]!
      const h = tag('branch')
      versions.push({ mux: muxApply(base.mux, branchOp, h), ref: referenceApply(base.ref, branchOp, h) })
      for (const v of versions) {
        assert.equal(
          [...v.mux.routes.keys()],
          v.ref.map((r) => r.path),
        )
        assert.is(v.mux.matcher(path), referenceMatch(v.ref, path))
      }
    }),
    { numRuns: 100 },
  )
})

const prefixArb = pathArb.map((p) => (p.endsWith('/') ? p : `${p}/`))

property('agrees with the reference when many prefix routes are registered (more than sixteen, past the scan)', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(prefixArb, { minLength: 17, maxLength: 48 }),
      fc.array(pathArb, { maxLength: 5 }),
      fc.array(pathArb, { minLength: 1, maxLength: 20 }),
      (prefixes, exacts, paths) => {
        const ops: ReadonlyArray<Op> = [
          ...prefixes.map((path) => ({ op: 'prefix' as const, path })),
          ...exacts.map((path) => ({ op: 'exact' as const, path })),
        ]
        let mux = newPathMux()
        let ref: ReadonlyArray<RefRoute> = []
        ops.forEach((o, i) => {
          const h = tag(`route${i}`)
          mux = muxApply(mux, o, h)
          ref = referenceApply(ref, o, h)
        })
        for (const p of paths) assert.is(mux.matcher(p), referenceMatch(ref, p), p)
      },
    ),
    { numRuns: 200 },
  )
})

property.run()
