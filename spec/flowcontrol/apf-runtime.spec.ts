import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/index.js'
import { newApfRuntime } from '../../src/flowcontrol/apf-runtime.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { oneSeat } from '../../src/flowcontrol/work-estimate.js'

const runtime = suite('newApfRuntime')

const make = (clock = fakeClock(0)) => {
  const apf = newApfRuntime(bootstrapFlowcontrolConfig, 600, { clock })
  if (E.isLeft(apf)) throw new Error(apf.left)
  return { clock, apf: apf.right }
}

runtime('runs one queue set per bootstrap level with upstream’s nominal limits over 600 seats', () => {
  const { apf } = make()
  const nominal = Object.fromEntries([...apf.levels].map(([name, l]) => [name, l.nominalLimit]))
  assert.equal(nominal, {
    exempt: 0,
    'catch-all': 13,
    system: 74,
    'node-high': 98,
    'leader-election': 25,
    'workload-high': 98,
    'workload-low': 245,
    'global-default': 49,
  })
  assert.is(apf.levels.get('global-default')?.maxSeats, 8)
})

runtime('supplies the mandatory levels a configuration lacks', () => {
  const apf = newApfRuntime({ flowSchemas: [], priorityLevels: [] }, 600, { clock: fakeClock(0) })
  assert.ok(E.isRight(apf))
  if (E.isRight(apf)) assert.equal([...apf.right.levels.keys()].sort(), ['catch-all', 'exempt'])
})

runtime('rebalances every 10 s once started, into the queue sets, until stopped', () => {
  const { clock, apf } = make()
  const level = apf.levels.get('workload-low')!
  const stop = apf.start()
  const qs = level.queueSet
  for (let i = 0; i < 200; i++) qs.startRequest({ flowHash: BigInt(i), work: oneSeat, waitLimitMs: 60_000 })
  clock.advance(10_000)
  assert.is(qs.snapshot().concurrencyLimit, level.currentLimit())
  assert.ok(level.currentLimit() > level.nominalLimit, `${level.currentLimit()} borrowed above ${level.nominalLimit}`)
  assert.is(qs.snapshot().waiting, 0)
  assert.is(clock.pending(), 1)
  stop()
  assert.is(clock.pending(), 0)
})

runtime('classifies with the configuration it runs and tracks each level’s Retry-After', () => {
  const { apf } = make()
  const c = apf.classify(
    { name: 'root', uid: '', groups: ['system:masters'], extra: {} },
    {
      isResourceRequest: true,
      path: '/api/v1/pods',
      verb: 'list',
      apiPrefix: 'api',
      apiGroup: '',
      apiVersion: 'v1',
      namespace: '',
      resource: 'pods',
      subresource: '',
      name: '',
      parts: ['pods'],
      fieldSelector: '',
      labelSelector: '',
    },
  )
  assert.is(c.priorityLevel.metadata.name, 'exempt')
  assert.is(apf.drops.retryAfter('exempt'), 1)
})

runtime.run()
