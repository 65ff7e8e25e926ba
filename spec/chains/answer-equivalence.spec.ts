import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Handler } from '../../src/core/index.js'
import { type Built, type ChainSetup, buildSetup, chainSetup } from '../support/answer-equivalence/chains.js'
import { type RequestSpec, type Snapshot, observe, requestSpec } from '../support/answer-equivalence/observe.js'
import { type Outcome, handlersFor, outcome } from '../support/answer-equivalence/outcomes.js'
import { type Wire, observeOnWire, startWire } from '../support/answer-equivalence/wire.js'

/** How one run is observed: in memory, or through the node adapter over a socket. */
type Observer = (built: Built, inner: Handler, req: RequestSpec) => Promise<Snapshot>

/** Nothing is held once the response ended, and each exit moment came once. */
const released = (way: string, s: Snapshot): void => {
  assert.equal(s.held, { wait: 0, watches: 0, readOnly: 0, mutating: 0, timers: 0 }, `${way}: released`)
  assert.is(s.done.length, 1, `${way}: done once`)
  assert.is(s.ended.length, 1, `${way}: ended once`)
}

/**
 * The property: one request through `setup`'s chain, once per way the handler can give `o`, each over a
 * fresh context, shows the same snapshot (answer, audit events, log, exit moments, inner token, held
 * counts), and each released everything.
 */
const sameEveryWay = (see: Observer) => async (setup: ChainSetup, o: Outcome, req: RequestSpec) => {
  const runs: Array<readonly [string, Snapshot]> = []
  for (const [way, inner] of handlersFor(o)) runs.push([way, await see(buildSetup(setup), inner, req)])
  const [firstWay, expected] = runs[0]!
  for (const [way, got] of runs) {
    released(way, got)
    assert.equal(got, expected, `${way} against ${firstWay}`)
  }
}

const inMemory = suite('in memory: a chain answers, audits and releases the same however its handler answered')

for (const kind of ['secure', 'insecure'] as const) {
  inMemory(`the ${kind} chain, any checked subset of its steps`, async () => {
    await fc.assert(fc.asyncProperty(chainSetup(kind), outcome, requestSpec, sameEveryWay(observe)), { numRuns: 75 })
  })
}

const onTheWire = suite('on the wire: the same through toNodeListener over a socket')

let wire: Wire | undefined
onTheWire.before(async () => void (wire = await startWire()))
onTheWire.after(async () => wire?.close())

for (const kind of ['secure', 'insecure'] as const) {
  onTheWire(`the ${kind} chain, any checked subset of its steps`, async () => {
    const see: Observer = (built, inner, req) => observeOnWire(wire!, built, inner, req)
    await fc.assert(fc.asyncProperty(chainSetup(kind), outcome, requestSpec, sameEveryWay(see)), { numRuns: 25 })
  })
}

inMemory.run()
onTheWire.run()
