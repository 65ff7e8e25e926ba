import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { constant, defaultDeps, fakeClock, recordingLogger, silentLogger, text } from '../../src/core/index.js'
import { handle, newPathMux } from '../../src/director/index.js'
import { addReadyzChecks } from '../../src/lifecycle/add-health-checks.js'
import { installHealth } from '../../src/lifecycle/install-health.js'
import { prepareRun } from '../../src/lifecycle/prepare-run.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { leftMessage, right, server } from './fixtures.js'

const deps = () => ({ ...defaultDeps, clock: fakeClock(), log: silentLogger })

const install = suite('installHealth')

install('lists /healthz, /livez, /readyz and their checks; readyz carries shutdown last', () => {
  const s = right(installHealth(server({ name: 's', deps: deps() })))
  assert.equal(s.listedPaths(), [
    '/healthz',
    '/healthz/log',
    '/healthz/ping',
    '/livez',
    '/livez/log',
    '/livez/ping',
    '/readyz',
    '/readyz/log',
    '/readyz/ping',
    '/readyz/shutdown',
  ])
  assert.equal(
    s.health.readyz.map((c) => c.name),
    ['ping', 'log', 'shutdown'],
  )
})

install('the first successful /readyz fires HasBeenReady; a shutdown makes it red while livez stays ok', async () => {
  const s = right(installHealth(server({ name: 's', deps: deps() })))
  const h = s.handler.fullHandlerChain
  assert.is(s.signals.hasBeenReady.isFired(), false)
  assert.is(statusOf(await run(h, makeRequest('/readyz'))), 200)
  assert.is(s.signals.hasBeenReady.isFired(), true)
  s.signals.shutdownInitiated.fire()
  const red = await run(h, makeRequest('/readyz?verbose'))
  assert.equal(
    [statusOf(red), await bodyText(red)],
    [500, '[+]ping ok\n[+]log ok\n[-]shutdown failed: reason withheld\nreadyz check failed\n'],
  )
  assert.is(await bodyText(await run(h, makeRequest('/readyz/shutdown'))), 'internal server error: process is shutting down\n')
  assert.is(await bodyText(await run(h, makeRequest('/livez'))), 'ok')
  assert.is(await bodyText(await run(h, makeRequest('/healthz'))), 'ok')
})

install('a health path taken on the mux is refused; the endpoints are frozen afterwards', () => {
  const mux = right(handle('/livez', constant(text(200, 'mine')))(newPathMux()))
  assert.is(leftMessage(installHealth(server({ name: 's', deps: deps(), mux }))), 'duplicate path registration of "/livez"')
  const s = right(installHealth(server({ name: 't', deps: deps() })))
  assert.is(leftMessage(addReadyzChecks(s, [])), 'unable to add because the /readyz endpoint has already been created')
})

install('a refused shutdown check is only logged', () => {
  const rec = recordingLogger()
  const s = server({ name: 's', deps: { ...deps(), log: rec.log } })
  s.state.healthInstalled.add('/readyz')
  const r = installHealth(s)
  assert.ok(E.isRight(r))
  assert.ok(
    rec.entries.some(
      (e) => e.msg === 'Failed to install readyz shutdown check unable to add because the /readyz endpoint has already been created',
    ),
  )
})

install.run()

const prepare = suite('prepareRun')

prepare('installs the health endpoints and wraps the server; a second prepare is refused', () => {
  const s = server({ name: 's', deps: deps() })
  const p = right(prepareRun(s))
  assert.is(p._tag, 'PreparedServer')
  assert.ok(p.server.listedPaths().includes('/readyz/shutdown'))
  assert.ok(E.isLeft(prepareRun(s)))
})

prepare.run()
