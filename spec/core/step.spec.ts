import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { type Chain, type Filter, type Handler, attr, build, step, text } from '../../src/core/index.js'
import { makeRequest, run, statusOf } from '../support/request.js'
import { tracing, tracingHandler, tracingStep } from '../support/trace.js'

const stepSuite = suite('step')

stepSuite('normalises attribute keys to their names and defaults the rest', () => {
  const info = attr<unknown>('RequestInfo')
  const s = step('authorization', (n) => n, { needs: [info, 'User'], inside: ['request-info'] })
  assert.equal([s.name, s.needs, s.provides, s.inside, s.outside], ['authorization', ['RequestInfo', 'User'], [], ['request-info'], []])
})

const buildSuite = suite('build')

const names = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 12 })
const chainOf = (ns: ReadonlyArray<string>, log: string[]): Chain => ns.map((n) => tracingStep(n, log))

buildSuite('an exact trace: in order on the way in, reverse order on the way out', async () => {
  const log: string[] = []
  await run(build(chainOf(['a', 'b', 'c'], log))(tracingHandler(log)), makeRequest('/'))
  assert.equal(log, ['in:a', 'in:b', 'in:c', 'handler', 'out:c', 'out:b', 'out:a'])
})

buildSuite('build([]) is the identity', () => {
  fc.assert(
    fc.property(fc.integer({ min: 200, max: 599 }), (code) => {
      const h: Handler = () => Promise.resolve(text(code, ''))
      return build([])(h) === h
    }),
  )
})

buildSuite('property: tracing steps run in order in and in reverse order out', async () => {
  await fc.assert(
    fc.asyncProperty(names, async (ns) => {
      const log: string[] = []
      await run(build(chainOf(ns, log))(tracingHandler(log)), makeRequest('/'))
      const expected = [...ns.map((n) => `in:${n}`), 'handler', ...[...ns].reverse().map((n) => `out:${n}`)]
      assert.equal(log, expected)
    }),
  )
})

buildSuite('property: build(a ++ b) behaves as build(a) applied to build(b)', async () => {
  await fc.assert(
    fc.asyncProperty(names, fc.nat(), async (ns, cut) => {
      const at = ns.length === 0 ? 0 : cut % (ns.length + 1)
      const left: string[] = []
      const right: string[] = []
      await run(build(chainOf(ns, left))(tracingHandler(left)), makeRequest('/'))
      const a = chainOf(ns.slice(0, at), right)
      const b = chainOf(ns.slice(at), right)
      await run(build(a)(build(b)(tracingHandler(right))), makeRequest('/'))
      assert.equal(left, right)
    }),
  )
})

const answering =
  (name: string, log: string[]): Filter =>
  () =>
  () => {
    log.push(`answer:${name}`)
    return Promise.resolve(text(429, 'stop'))
  }

buildSuite('property: a step that answers early stops every inner step', async () => {
  await fc.assert(
    fc.asyncProperty(
      names.filter((ns) => ns.length > 0),
      fc.nat(),
      async (ns, pick) => {
        const at = pick % ns.length
        const log: string[] = []
        const chain = ns.map((n, i) => (i === at ? step(n, answering(n, log)) : step(n, tracing(n, log))))
        const res = await run(build(chain)(tracingHandler(log)), makeRequest('/'))
        assert.is(statusOf(res), 429)
        const outer = ns.slice(0, at)
        assert.equal(log, [...outer.map((n) => `in:${n}`), `answer:${ns[at]}`, ...[...outer].reverse().map((n) => `out:${n}`)])
      },
    ),
  )
})

stepSuite.run()
buildSuite.run()
