// Spec support: the answer-equivalence property itself, for any way of observing a run.
import * as assert from 'uvu/assert'
import type { Handler } from '../../../src/core/index.js'
import { type Built, type ChainSetup, buildSetup } from './chains.js'
import type { RequestSpec, Snapshot } from './observe.js'
import { type Outcome, handlersFor } from './outcomes.js'

/** How one run is observed: `observe` in memory, `observeOnWire` through the node adapter over a socket. */
export type Observer = (built: Built, inner: Handler, req: RequestSpec) => Promise<Snapshot>

/** Nothing is held once the response ended, and each exit moment came once. */
const released = (way: string, s: Snapshot): void => {
  assert.equal(s.held, { wait: 0, watches: 0, readOnly: 0, mutating: 0, timers: 0 }, `${way}: released`)
  assert.is(s.done.length, 1, `${way}: done once`)
  assert.is(s.ended.length, 1, `${way}: ended once`)
}

/**
 * The property: one request through `setup`'s chain, once per way the handler can give `o`, each over a
 * fresh context, shows the same snapshot (answer, audit events, log, exit moments, inner token, held
 * counts), and each run released everything.
 */
export const sameEveryWay =
  (see: Observer) =>
  async (setup: ChainSetup, o: Outcome, req: RequestSpec): Promise<void> => {
    const runs: Array<readonly [string, Snapshot]> = []
    for (const [way, inner] of handlersFor(o)) runs.push([way, await see(buildSetup(setup), inner, req)])
    const [firstWay, expected] = runs[0]!
    for (const [way, got] of runs) {
      released(way, got)
      assert.equal(got, expected, `${way} against ${firstWay}`)
    }
  }
