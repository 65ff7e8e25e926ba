import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ChainSetup, buildSetup, chainSetup } from '../support/answer-equivalence/chains.js'
import { type Snapshot, observe, requestSpec } from '../support/answer-equivalence/observe.js'
import { handlersFor, outcome } from '../support/answer-equivalence/outcomes.js'

const same = suite('a chain answers the same however its handler answered')

/** The snapshots of one request through `setup`'s chain, one per way the handler can give `o`, each over a fresh context. */
const everyWay = async (setup: ChainSetup, o: Parameters<typeof handlersFor>[0], req: Parameters<typeof observe>[2]) => {
  const out: Array<readonly [string, Snapshot]> = []
  for (const [way, inner] of handlersFor(o)) out.push([way, await observe(buildSetup(setup), inner, req)])
  return out
}

/** Nothing is held once the response ended, and each exit moment came once. */
const released = (way: string, s: Snapshot): void => {
  assert.equal(s.held, { wait: 0, watches: 0, readOnly: 0, mutating: 0, timers: 0 }, `${way}: released`)
  assert.is(s.done.length, 1, `${way}: done once`)
  assert.is(s.ended.length, 1, `${way}: ended once`)
}

const property = (kind: ChainSetup['kind']) => async () => {
  await fc.assert(
    fc.asyncProperty(chainSetup(kind), outcome, requestSpec, async (setup, o, req) => {
      const [first, ...rest] = await everyWay(setup, o, req)
      const [firstWay, expected] = first!
      released(firstWay, expected)
      for (const [way, got] of rest) {
        released(way, got)
        assert.equal(got, expected, `${way} against ${firstWay}`)
      }
    }),
    { numRuns: 100 },
  )
}

same('the secure chain, any checked subset of its steps', property('secure'))
same('the insecure chain, any checked subset of its steps', property('insecure'))

same.run()
