import fc from 'fast-check'
import { suite } from 'uvu'
import { chainSetup } from '../support/answer-equivalence/chains.js'
import { requestSpec } from '../support/answer-equivalence/observe.js'
import { outcome } from '../support/answer-equivalence/outcomes.js'
import { type Observer, sameEveryWay } from '../support/answer-equivalence/property.js'
import { type Wire, observeOnWire, startWire } from '../support/answer-equivalence/wire.js'

const onTheWire = suite('through toNodeListener over a socket, a chain answers, audits and releases the same however its handler answered')
let wire: Wire | undefined
onTheWire.before(async () => void (wire = await startWire()))
onTheWire.after(async () => wire?.close())
for (const kind of ['secure', 'insecure'] as const) {
  onTheWire(`the ${kind} chain, any checked subset of its steps`, async () => {
    const see: Observer = (built, inner, req) => observeOnWire(wire!, built, inner, req)
    await fc.assert(fc.asyncProperty(chainSetup(kind), outcome, requestSpec, sameEveryWay(see)), { numRuns: 60 })
  })
}
onTheWire.run()
