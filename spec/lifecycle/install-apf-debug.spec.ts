import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Authenticator,
  type UserInfo,
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  bootstrapPolicy,
  nonResourceURLMatches,
  rbacAuthorizer,
  staticTokenAuthenticator,
  unionAuthenticator,
} from '../../src/auth/index.js'
import { secureChain } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import { defaultDeps, fakeClock, silentLogger } from '../../src/core/index.js'
import { listedPaths } from '../../src/director/path-mux.js'
import type { ApfState } from '../../src/flowcontrol/apf-state.js'
import { suggestedPriorityLevels } from '../../src/flowcontrol/bootstrap-priority-levels.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { newQueueSet } from '../../src/flowcontrol/queue-set.js'
import { hashFlowId } from '../../src/flowcontrol/shuffle-sharding.js'
import { oneSeat } from '../../src/flowcontrol/work-estimate.js'
import type { GenericServer } from '../../src/lifecycle/generic-server.js'
import { installApfDebug } from '../../src/lifecycle/install-apf-debug.js'
import { bodyText, makeRequest, statusOf } from '../support/request.js'
import { leftMessage, right, server } from './fixtures.js'

const paths = [
  '/debug/api_priority_and_fairness/dump_priority_levels',
  '/debug/api_priority_and_fairness/dump_queues',
  '/debug/api_priority_and_fairness/dump_requests',
]

/** One queuing level, `workload-low`, with one request of `alice` running. */
const runningState = (): ApfState => {
  const config = suggestedPriorityLevels.find((l) => l.metadata.name === 'workload-low')!
  const qs = right(
    newQueueSet({ _tag: 'Queue', queues: 1, handSize: 1, queueLengthLimit: 5 }, 1, { clock: fakeClock(Date.UTC(2026, 0, 1)) }),
  )
  qs.startRequest({
    flowHash: hashFlowId('global-default', 'alice'),
    work: oneSeat,
    waitLimitMs: 1000,
    descriptor: {
      flowSchema: 'global-default',
      priorityLevel: 'workload-low',
      flowDistinguisher: 'alice',
      userName: 'alice',
      verb: 'list',
      path: '/api/v1/configmaps',
      arrivedAt: 0,
      apiVersion: 'v1',
      resource: 'configmaps',
    },
  })
  return {
    config: bootstrapFlowcontrolConfig,
    levels: new Map([['workload-low', { config, queueSet: qs, currentLimit: () => 1, nominalLimit: 1 }]]),
  }
}

const get = async (s: GenericServer, path: string, token?: string) => {
  const res = await s.handler.fullHandlerChain(
    makeRequest(path, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
  )
  return { status: statusOf(res), body: await bodyText(res), type: res._tag === 'Http' ? res.headers['content-type'] : undefined }
}

const install = suite('installApfDebug')

install('adds the three dump routes unlisted, and a second install is refused by the mux', () => {
  const s = server({ name: 'kubechain' })
  const before = listedPaths(s.handler.mux.get())
  const installed = right(installApfDebug(() => undefined)(s))
  const routes = [...installed.handler.mux.get().routes.keys()]
  for (const path of paths) assert.ok(routes.includes(path), path)
  assert.equal(listedPaths(installed.handler.mux.get()), before)
  assert.is(leftMessage(installApfDebug(() => undefined)(installed)), `duplicate path registration of "${paths[0]}"`)
})

install('answers 200 text/plain tables read from the state at request time', async () => {
  let state: ApfState | undefined
  const s = right(installApfDebug(() => state)(server({ name: 'kubechain' })))
  const before = await get(s, paths[0]!)
  assert.equal([before.status, before.type, before.body.split('\n').length], [200, 'text/plain; charset=utf-8', 2])
  state = runningState()
  const levels = await get(s, paths[0]!)
  assert.is(levels.body.split('\n')[1]!.replace(/ +/g, ' '), 'workload-low, 0, false, false, 0, 1, 1, 0, 0, 0')
  const queues = await get(s, paths[1]!)
  assert.ok(queues.body.split('\n')[1]!.startsWith('workload-low,      0,      0,'), queues.body)
})

install('dump_requests adds the details columns for any non-empty includeRequestDetails', async () => {
  const state = runningState()
  const s = right(installApfDebug(() => state)(server({ name: 'kubechain' })))
  const plain = await get(s, paths[2]!)
  assert.not.ok(plain.body.includes('UserName'))
  for (const q of ['?includeRequestDetails=1', '?includeRequestDetails=0', '?a=b&includeRequestDetails=true']) {
    const detailed = await get(s, `${paths[2]}${q}`)
    assert.ok(detailed.body.split('\n')[0]!.endsWith('SubResource'), q)
    assert.ok(detailed.body.split('\n')[1]!.replace(/ +/g, ' ').endsWith(', alice, list, /api/v1/configmaps, , , v1, configmaps, '), q)
  }
  const empty = await get(s, `${paths[2]}?includeRequestDetails=`)
  assert.not.ok(empty.body.includes('UserName'))
})

const masters: UserInfo = { name: 'alice', uid: '1', groups: ['system:masters'], extra: {} }
const plain: UserInfo = { name: 'bob', uid: '2', groups: [], extra: {} }
const authenticator: Authenticator = unionAuthenticator(
  [
    authenticatedGroupAdder(
      bearerTokenAuthenticator(
        staticTokenAuthenticator(
          new Map([
            ['alice-token', masters],
            ['bob-token', plain],
          ]),
        ),
      ),
    ),
    anonymousAuthenticator(),
  ],
  { failOnError: true },
)

install('behind the secure chain, system:masters may read the dumps and others are forbidden', async () => {
  const cfg = right(newConfig({}))
  const s = server({
    name: 'kubechain',
    deps: { ...defaultDeps, log: silentLogger },
    buildHandlerChain: (ctx) =>
      secureChain(ctx, cfg, { authenticator, authorizer: rbacAuthorizer(bootstrapPolicy) }, { httpLogging: { enabled: false } }),
  })
  const installed = right(installApfDebug(() => runningState())(s))
  for (const path of paths) {
    assert.is((await get(installed, path, 'alice-token')).status, 200, path)
    const bob = await get(installed, path, 'bob-token')
    assert.is(bob.status, 403, path)
    assert.ok(bob.body.includes(`forbidden: User \\"bob\\" cannot get path \\"${path}\\"`), path)
  }
})

install('the bootstrap policy grants the dump paths through cluster-admin alone', () => {
  const granting = bootstrapPolicy.clusterRoles
    .filter((r) => (r.rules ?? []).some((rule) => paths.some((p) => nonResourceURLMatches(rule, p))))
    .map((r) => r.metadata.name)
  assert.equal(granting, ['cluster-admin'])
})

install.run()
