import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/fake-clock.js'
import type { Admission, Dispatched } from '../../src/flowcontrol/admission.js'
import type { ApfState, RequestDescriptor, RunningLevel } from '../../src/flowcontrol/apf-state.js'
import { exemptPriorityLevel, suggestedPriorityLevels } from '../../src/flowcontrol/bootstrap-priority-levels.js'
import { dumpPriorityLevels, dumpQueues, dumpRequests } from '../../src/flowcontrol/debug-dumps.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { type LimitResponse, newQueueSet } from '../../src/flowcontrol/queue-set.js'
import { hashFlowId } from '../../src/flowcontrol/shuffle-sharding.js'
import { oneSeat } from '../../src/flowcontrol/work-estimate.js'

const t0 = Date.UTC(2026, 11, 7, 6, 0, 0)
const workloadLow = suggestedPriorityLevels.find((l) => l.metadata.name === 'workload-low')!

const levelOf = (config: RunningLevel['config'], response: LimitResponse, limit: number, clock = fakeClock(t0)): RunningLevel => {
  const qs = newQueueSet(response, limit, { clock })
  if (E.isLeft(qs)) throw new Error(qs.left)
  return { config, queueSet: qs.right, currentLimit: () => limit, nominalLimit: limit }
}

const describe = (user: string, o: Partial<RequestDescriptor> = {}): RequestDescriptor => ({
  flowSchema: 'global-default',
  priorityLevel: 'workload-low',
  flowDistinguisher: user,
  userName: user,
  verb: 'list',
  path: '/api/v1/namespaces/default/configmaps',
  arrivedAt: t0,
  namespace: 'default',
  apiVersion: 'v1',
  resource: 'configmaps',
  ...o,
})

const dispatched = (a: Admission): Dispatched => {
  if (a._tag !== 'Dispatched') throw new Error(`expected Dispatched, got ${a._tag}`)
  return a
}

/** exempt idle; workload-low (2 queues, hand of 1, 1 seat) with `alice` running and `bob` waiting, 5 ms later. */
const scene = () => {
  const clock = fakeClock(t0)
  const low = levelOf(workloadLow, { _tag: 'Queue', queues: 2, handSize: 1, queueLengthLimit: 10 }, 1, clock)
  const exempt = levelOf(exemptPriorityLevel, { _tag: 'Exempt' }, 0, clock)
  const state: ApfState = {
    config: bootstrapFlowcontrolConfig,
    levels: new Map([
      ['workload-low', low],
      ['exempt', exempt],
    ]),
  }
  const running = dispatched(
    low.queueSet.startRequest({
      flowHash: hashFlowId('global-default', 'alice'),
      work: oneSeat,
      waitLimitMs: 60_000,
      descriptor: describe('alice'),
    }),
  )
  clock.advance(5)
  const waiting = low.queueSet.startRequest({
    flowHash: hashFlowId('global-default', 'bob'),
    work: { initialSeats: 1, finalSeats: 2, additionalLatencyMs: 1500 },
    waitLimitMs: 60_000,
    descriptor: describe('bob', { verb: 'get', name: 'x', path: '/api/v1/namespaces/default/configmaps/x' }),
  })
  return { clock, state, low, exempt, running, waiting }
}

const lines = (text: string): string[] => text.split('\n')

const levels = suite('dumpPriorityLevels')

levels('prints upstream header and a row per level sorted by name', () => {
  const out = lines(dumpPriorityLevels(scene().state))
  assert.is(
    out[0],
    'PriorityLevelName, ActiveQueues, IsIdle, IsQuiescing, WaitingRequests, ExecutingRequests, DispatchedRequests, RejectedRequests, TimedoutRequests, CancelledRequests',
  )
  assert.is(out[1]!.replace(/ +/g, ' '), 'exempt, 0, true, false, 0, 0, 0, 0, 0, 0')
  assert.is(out[2]!.replace(/ +/g, ' '), 'workload-low, 1, false, false, 1, 1, 1, 0, 0, 0')
  assert.is(out.length, 4) // three lines and the final newline
})

levels('counts queue-full with rejected, time-outs and cancels apart', () => {
  const { state, low, clock, waiting } = scene()
  if (waiting._tag === 'Queued') waiting.cancel()
  const timesOut = low.queueSet.startRequest({ flowHash: hashFlowId('global-default', 'carol'), work: oneSeat, waitLimitMs: 10 })
  assert.is(timesOut._tag, 'Queued')
  clock.advance(10)
  const row = lines(dumpPriorityLevels(state))[2]!.replace(/ +/g, ' ')
  assert.is(row, 'workload-low, 0, false, false, 0, 1, 1, 0, 1, 1')
})

const queues = suite('dumpQueues')

queues('prints upstream header and a row per queue with seat-second sums', () => {
  const { state, running } = scene()
  const out = lines(dumpQueues(state))
  assert.is(
    out[0],
    'PriorityLevelName, Index,  PendingRequests, ExecutingRequests, SeatsInUse, NextDispatchR, InitialSeatsSum, MaxSeatsSum, TotalWorkSum',
  )
  const rows = out.slice(1, -1).map((l) => l.replace(/ +/g, ' '))
  assert.is(rows.length, 2) // the exempt level has no queues
  const busy = rows.find((r) => r.includes(', 1, 1, 1, '))
  const idle = rows.find((r) => r.includes(', 0, 0, 0, '))
  assert.ok(busy?.endsWith(', 1, 2, 3.00300000ss'), busy) // bob waits: 1 seat × 3 ms + 2 seats × 1.5 s
  // R ran 5 ms at one seat for one queue; the next dispatch starts no earlier than bob arrived (anti-windup).
  assert.ok(busy?.includes(', 0.00500000ss, '), busy)
  assert.ok(idle?.endsWith(', 0.00000000ss, 0, 0, 0.00000000ss'), idle)
  running.finish()
})

const requests = suite('dumpRequests')

const empty: ApfState = { config: bootstrapFlowcontrolConfig, levels: new Map() }

requests("with no request, the header lines are upstream's, tab-aligned", () => {
  assert.is(
    dumpRequests(empty, false),
    'PriorityLevelName, FlowSchemaName, QueueIndex, RequestIndexInQueue, FlowDistingsher, ArriveTime, InitialSeats, FinalSeats, AdditionalLatency, StartTime\n',
  )
  assert.is(
    dumpRequests(empty, true),
    'PriorityLevelName, FlowSchemaName, QueueIndex, RequestIndexInQueue, FlowDistingsher, ArriveTime, InitialSeats, FinalSeats, AdditionalLatency, StartTime, UserName, Verb,   APIPath, Namespace, Name,   APIVersion, Resource, SubResource\n',
  )
  assert.is(
    dumpQueues(empty),
    'PriorityLevelName, Index,  PendingRequests, ExecutingRequests, SeatsInUse, NextDispatchR, InitialSeatsSum, MaxSeatsSum, TotalWorkSum\n',
  )
})

requests('lists waiting then executing requests of each queue', () => {
  const { state, low } = scene()
  const out = lines(dumpRequests(state, false))
  const rows = out.slice(1, -1).map((l) => l.replace(/ +/g, ' '))
  const queue = low.queueSet.requests().queues.findIndex((q) => q.waiting.length > 0)
  assert.equal(rows, [
    `workload-low, global-default, ${queue}, 0, bob, 2026-12-07T06:00:00.005Z, 1, 2, 1.5s, 0001-01-01T00:00:00Z`,
    `workload-low, global-default, ${queue}, -1, alice, 2026-12-07T06:00:00Z, 1, 0, 0s, 2026-12-07T06:00:00Z`,
  ])
  assert.ok(out[1]!.startsWith('workload-low,      global-default, '), out[1]) // aligned under the header
})

requests('includeRequestDetails adds user, verb, path, namespace, name, group/version, resource, subresource', () => {
  const { state } = scene()
  const out = lines(dumpRequests(state, true))
  const bob = out.find((l) => l.includes('bob'))!.replace(/ +/g, ' ')
  assert.ok(bob.endsWith(', bob, get, /api/v1/namespaces/default/configmaps/x, default, x, v1, configmaps, '), bob)
})

requests('a request of an exempt level runs outside any queue', () => {
  const { state, exempt } = scene()
  dispatched(
    exempt.queueSet.startRequest({
      flowHash: 0n,
      work: oneSeat,
      waitLimitMs: 0,
      descriptor: describe('admin', { flowSchema: 'exempt', apiGroup: 'apps' }),
    }),
  )
  const row = lines(dumpRequests(state, true))
    .find((l) => l.includes('admin'))!
    .replace(/ +/g, ' ')
  assert.ok(row.startsWith('exempt, exempt, -1, -1, admin, '), row)
  assert.ok(row.includes(', apps/v1, configmaps, '), row)
})

levels.run()
queues.run()
requests.run()
