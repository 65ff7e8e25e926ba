import fc from 'fast-check'
import { suite } from 'uvu'
import { chainSetup } from '../support/answer-equivalence/chains.js'
import { observe, requestSpec } from '../support/answer-equivalence/observe.js'
import { outcome } from '../support/answer-equivalence/outcomes.js'
import { sameEveryWay } from '../support/answer-equivalence/property.js'

const same = suite('a chain answers, audits and releases the same however its handler answered')

for (const kind of ['secure', 'insecure'] as const) {
  same(
    `the ${kind} chain, any checked subset of its steps: sync, microtask, macrotask, async or Task answers; throws and rejections`,
    async () => {
      await fc.assert(fc.asyncProperty(chainSetup(kind), outcome, requestSpec, sameEveryWay(observe)), { numRuns: 100 })
    },
  )
}

same.run()
