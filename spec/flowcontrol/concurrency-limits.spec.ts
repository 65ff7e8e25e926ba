import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type LevelShares, nominalLimits, serverConcurrencyLimit } from '../../src/flowcontrol/concurrency-limits.js'

/** Upstream's mandatory and suggested levels: name, shares, lendable percent. */
const bootstrapLevels: ReadonlyArray<LevelShares> = (
  [
    ['exempt', 0, 0],
    ['system', 30, 33],
    ['node-high', 40, 25],
    ['leader-election', 10, 0],
    ['workload-high', 40, 50],
    ['workload-low', 100, 90],
    ['global-default', 20, 50],
    ['catch-all', 5, 0],
  ] as const
).map(([name, nominalConcurrencyShares, lendablePercent]) => ({
  name,
  nominalConcurrencyShares,
  lendablePercent,
  borrowingLimitPercent: undefined,
}))

const limits = suite('nominalLimits')

limits('the server limit is max-requests-inflight plus max-mutating-requests-inflight', () => {
  assert.is(serverConcurrencyLimit(400, 200), 600)
})

limits('shares 600 seats among upstream bootstrap levels as upstream does (ceil of the share)', () => {
  const got = nominalLimits(600, bootstrapLevels).map((l) => [l.name, l.nominalCL, l.minCL])
  assert.equal(got, [
    ['exempt', 0, 0],
    ['system', 74, 50],
    ['node-high', 98, 73],
    ['leader-election', 25, 25],
    ['workload-high', 98, 49],
    ['workload-low', 245, 24],
    ['global-default', 49, 24],
    ['catch-all', 13, 13],
  ])
})

limits(
  'lending rounds, borrowing is capped by its percent or else by the server limit, and a new level starts at nominal less half its lendable',
  () => {
    const [capped, open] = nominalLimits(100, [
      { name: 'capped', nominalConcurrencyShares: 1, lendablePercent: 25, borrowingLimitPercent: 50 },
      { name: 'open', nominalConcurrencyShares: 1, lendablePercent: 0, borrowingLimitPercent: undefined },
    ])
    assert.equal(capped, { name: 'capped', nominalCL: 50, lendableCL: 13, borrowingCL: 25, minCL: 37, maxCL: 75, initialCL: 44 })
    assert.equal([open!.borrowingCL, open!.maxCL, open!.initialCL], [100, 150, 50])
  },
)

limits('no shares at all give every level nothing rather than NaN', () => {
  assert.equal(
    nominalLimits(600, [{ name: 'exempt', nominalConcurrencyShares: 0, lendablePercent: 0, borrowingLimitPercent: undefined }]).map(
      (l) => l.nominalCL,
    ),
    [0],
  )
})

limits.run()
