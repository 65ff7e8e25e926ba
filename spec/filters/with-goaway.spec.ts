import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { type RawRequest, type Request, constant, newRequest, parseTarget, setHeader, text } from '../../src/core/index.js'
import { goawayDefaults, goawayStep, validateGoawayChance, withGoaway } from '../../src/filters/with-goaway.js'
import { makeRequest, run } from '../support/request.js'

const overHttp = (httpVersionMajor: number): Request => {
  const target = parseTarget('/api/v1/pods')
  if (E.isLeft(target)) throw new Error(target.left)
  return newRequest({ method: 'GET', target: target.right, headers: {}, raw: { httpVersionMajor } as unknown as RawRequest })
}

const draws = (...values: number[]) => {
  let calls = 0
  return { random: () => values[calls++] ?? 0, calls: () => calls }
}

const ok = constant(text(200, 'served'))

const filter = suite('withGoaway')

filter('is the identity at chance 0, as by default', () => {
  assert.is(withGoaway(goawayDefaults, draws())(ok), ok)
})

filter('sets Connection: close on an HTTP/2 response when the draw is below the chance', async () => {
  const rnd = draws(0.005, 0.02)
  const h = withGoaway({ chance: 0.01 }, rnd)(ok)
  const hit = await run(h, overHttp(2))
  const miss = await run(h, overHttp(2))
  assert.is(hit.headers['connection'], 'close')
  assert.is(miss.headers['connection'], undefined)
  assert.is(rnd.calls(), 2)
})

filter('never touches HTTP/1 or in-memory requests, and draws nothing for them', async () => {
  const rnd = draws(0)
  const h = withGoaway({ chance: 0.02 }, rnd)(ok)
  assert.is((await run(h, overHttp(1))).headers['connection'], undefined)
  assert.is((await run(h, makeRequest('/'))).headers['connection'], undefined)
  assert.is(rnd.calls(), 0)
})

filter('keeps a Connection header set by the inner handler', async () => {
  const inner = constant(setHeader('connection', 'keep-alive')(text(200, 'served')))
  const res = await run(withGoaway({ chance: 0.02 }, draws(0))(inner), overHttp(2))
  assert.is(res.headers['connection'], 'keep-alive')
})

filter('closes exactly when the draw is below the chance', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.double({ min: 0, max: 0.02, noNaN: true }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      async (chance, r) => {
        const res = await run(withGoaway({ chance }, draws(r))(ok), overHttp(2))
        return (res.headers['connection'] === 'close') === (chance > 0 && r < chance)
      },
    ),
    { numRuns: 100 },
  )
})

filter.run()

const stepSuite = suite('goawayStep')

stepSuite('is named goaway', () => {
  assert.is(goawayStep({ chance: 0.01 }, draws()).name, 'goaway')
})

stepSuite.run()

const validate = suite('validateGoawayChance')

validate('accepts 0 to 0.02 and rejects the rest with upstream message', () => {
  assert.equal([0, 0.001, 0.02].map(validateGoawayChance), [[], [], []])
  const message = ['--goaway-chance can not be less than 0 or greater than 0.02']
  assert.equal([-0.1, 0.021, 1, Number.NaN].map(validateGoawayChance), [message, message, message, message])
})

validate.run()
