import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { defaultDeps, fakeClock, silentLogger } from '../../src/core/index.js'
import { addBootSequenceHealthChecks, addHealthChecks, addLivezChecks, addReadyzChecks } from '../../src/lifecycle/add-health-checks.js'
import { namedCheck } from '../../src/lifecycle/health/health-check.js'
import { installHealth } from '../../src/lifecycle/install-health.js'
import { lifecycleDefaults } from '../../src/lifecycle/lifecycle-config.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { leftMessage, right, server } from './fixtures.js'

const failing = namedCheck('db', () => E.left('down'))
const req = makeRequest('/livez')

const add = suite('addHealthChecks')

add('appends to all three endpoints, or to one', () => {
  const s = server({ name: 's', deps: { ...defaultDeps, log: silentLogger } })
  const all = right(addHealthChecks(s, [failing]))
  assert.equal(
    [all.health.healthz, all.health.livez, all.health.readyz].map((r) => r.map((c) => c.name)),
    [
      ['ping', 'log', 'db'],
      ['ping', 'log', 'db'],
      ['ping', 'log', 'db'],
    ],
  )
  assert.equal(right(addReadyzChecks(s, [failing])).health.livez.length, 2)
  assert.equal(right(addReadyzChecks(s, [failing])).health.readyz.length, 3)
})

add('boot-sequence checks are ok on /livez during the livez grace period only', async () => {
  const clock = fakeClock()
  const s = server({
    name: 's',
    deps: { ...defaultDeps, clock, log: silentLogger },
    config: { ...lifecycleDefaults, livezGracePeriod: 5_000 },
  })
  const boot = right(addBootSequenceHealthChecks(s, [failing]))
  const live = boot.health.livez[2]
  assert.equal(await live?.check(req), E.right(undefined))
  assert.equal(await boot.health.readyz[2]?.check(req), E.left('down'))
  clock.advance(5_001)
  assert.equal(await live?.check(req), E.left('down'))
  const delayed = right(addLivezChecks(s, 1_000, [failing])).health.livez[2]
  assert.equal(await delayed?.check(req), E.right(undefined))
})

add('refuses checks for an endpoint already installed', () => {
  const s = server({ name: 's', deps: { ...defaultDeps, log: silentLogger } })
  s.state.healthInstalled.add('/readyz')
  assert.is(leftMessage(addReadyzChecks(s, [failing])), 'unable to add because the /readyz endpoint has already been created')
  assert.is(leftMessage(addHealthChecks(s, [failing])), 'unable to add because the /readyz endpoint has already been created')
  assert.ok(E.isRight(addLivezChecks(s, 0, [failing])))
})

/** The status and body each root health endpoint answers on the installed server. */
const endpoints = async (s: ReturnType<typeof server>): Promise<ReadonlyArray<[string, number, string]>> => {
  const h = right(installHealth(s)).handler.fullHandlerChain
  const answers: Array<[string, number, string]> = []
  for (const path of ['/healthz', '/livez', '/readyz']) {
    const res = await run(h, makeRequest(`${path}?verbose`))
    answers.push([path, statusOf(res), await bodyText(res)])
  }
  return answers
}

add('a failing dependency added with addReadyzChecks fails /readyz only: /livez stays ok, so no restart', async () => {
  const s = server({ name: 's', deps: { ...defaultDeps, clock: fakeClock(), log: silentLogger } })
  const answers = await endpoints(right(addReadyzChecks(s, [failing])))
  assert.equal(
    answers.map(([path, status]) => [path, status]),
    [
      ['/healthz', 200],
      ['/livez', 200],
      ['/readyz', 500],
    ],
  )
  assert.match(answers[2]?.[2] ?? '', '[-]db failed: reason withheld')
})

add('the same check added with addHealthChecks fails /livez too (a restart for an outage elsewhere)', async () => {
  const s = server({ name: 's', deps: { ...defaultDeps, clock: fakeClock(), log: silentLogger } })
  const answers = await endpoints(right(addHealthChecks(s, [failing])))
  assert.equal(
    answers.map(([path, status]) => [path, status]),
    [
      ['/healthz', 500],
      ['/livez', 500],
      ['/readyz', 500],
    ],
  )
})

add.run()
