import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { recordingLogger, silentLogger } from '../../../src/core/index.js'
import { listedPaths, newMuxRef, newPathMux, toHandler } from '../../../src/director/index.js'
import { type HealthCheck, namedCheck, pingCheck } from '../../../src/lifecycle/health/health-check.js'
import { checkHandler, installPathHandler, rootHealthHandler } from '../../../src/lifecycle/health/healthz.js'
import { bodyText, makeRequest, run, statusOf } from '../../support/request.js'

const bad: HealthCheck = namedCheck('bad', () => E.left('this will fail'))
const plain = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }

const get = async (checks: ReadonlyArray<HealthCheck>, url: string, path = '/healthz') => {
  const ref = newMuxRef(newPathMux())
  const r = ref.modify(installPathHandler(path, checks, silentLogger))
  assert.ok(E.isRight(r))
  const res = await run(toHandler(ref), makeRequest(url))
  return { status: statusOf(res), body: await bodyText(res), headers: res.headers }
}

const root = suite('rootHealthHandler')

root('answers ok without a newline, with text/plain and nosniff, when every check passes', async () => {
  const r = await get([pingCheck], '/healthz')
  assert.equal(r, { status: 200, body: 'ok', headers: plain })
})

root('?verbose lists each check and ends with "<name> check passed"', async () => {
  assert.is((await get([pingCheck], '/healthz?verbose')).body, '[+]ping ok\nhealthz check passed\n')
})

root('exclusions of unknown or present checks still answer ok without verbose', async () => {
  assert.is((await get([pingCheck], '/healthz?exclude=dontexist')).body, 'ok')
  const r = await get([pingCheck, bad], '/healthz?exclude=bad')
  assert.equal([r.status, r.body], [200, 'ok'])
})

root('verbose shows excluded checks and warns about exclusions that matched nothing', async () => {
  assert.is(
    (await get([pingCheck, bad], '/healthz?verbose=true&exclude=bad')).body,
    '[+]ping ok\n[+]bad excluded: ok\nhealthz check passed\n',
  )
  assert.is(
    (await get([pingCheck], '/healthz?verbose=true&exclude=dontexist')).body,
    '[+]ping ok\nwarn: some health checks cannot be excluded: no matches for "dontexist"\nhealthz check passed\n',
  )
  assert.is(
    (await get([pingCheck], '/healthz?verbose&exclude=zz&exclude=aa')).body,
    '[+]ping ok\nwarn: some health checks cannot be excluded: no matches for "aa","zz"\nhealthz check passed\n',
  )
})

root('a failing check answers 500 with every line, reasons withheld, verbose or not', async () => {
  const expected = '[+]ping ok\n[-]bad failed: reason withheld\nhealthz check failed\n'
  for (const url of ['/healthz', '/healthz?verbose']) {
    const r = await get([pingCheck, bad], url)
    assert.equal(r, { status: 500, body: expected, headers: plain })
  }
})

root('the name in bodies is the first segment of the path', async () => {
  assert.is((await get([pingCheck], '/ready?verbose', '/ready')).body, '[+]ping ok\nready check passed\n')
  assert.is((await get([pingCheck, bad], '/ready', '/ready')).body, '[+]ping ok\n[-]bad failed: reason withheld\nready check failed\n')
})

root('the real reason goes to the log, not to the client', async () => {
  const rec = recordingLogger()
  await run(rootHealthHandler('livez', [bad], rec.log), makeRequest('/livez'))
  assert.ok(rec.entries.some((e) => e.msg === 'bad check failed: livez\n[-]bad failed: this will fail\n'))
})

root('a check that throws is a failure, not a crash', async () => {
  const thrower = namedCheck('boom', () => {
    throw new Error('kaput')
  })
  const r = await get([thrower], '/healthz')
  assert.equal([r.status, r.body], [500, '[-]boom failed: reason withheld\nhealthz check failed\n'])
})

root('firstTimeHealthy runs once, on the first success only', async () => {
  let ok = false
  let calls = 0
  const h = rootHealthHandler('readyz', [namedCheck('flip', () => (ok ? E.right(undefined) : E.left('no')))], silentLogger, () => calls++)
  await run(h, makeRequest('/readyz'))
  assert.is(calls, 0)
  ok = true
  await run(h, makeRequest('/readyz'))
  await run(h, makeRequest('/readyz'))
  assert.is(calls, 1)
})

root('status is 500 exactly when a check that is not excluded fails (property)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.boolean()), { maxLength: 5 }),
      fc.subarray(['a', 'b', 'x']),
      async (spec, excl) => {
        const checks = spec.map(([n, pass]) => namedCheck(n, () => (pass ? E.right(undefined) : E.left('f'))))
        const url = `/healthz${excl.length === 0 ? '' : `?${excl.map((e) => `exclude=${e}`).join('&')}`}`
        const res = await run(rootHealthHandler('healthz', checks, silentLogger), makeRequest(url))
        const excluded = new Set(excl)
        const fails = checks.some((c, i) => {
          if (excluded.delete(c.name)) return false
          return !(spec[i] as [string, boolean])[1]
        })
        assert.is(statusOf(res), fails ? 500 : 200)
      },
    ),
    { numRuns: 150 },
  )
})

root.run()

const single = suite('checkHandler')

single('answers ok on success and 500 "internal server error: <err>" on failure', async () => {
  const ok = await run(checkHandler(pingCheck), makeRequest('/healthz/ping'))
  assert.equal([statusOf(ok), await bodyText(ok)], [200, 'ok'])
  const r = await get([pingCheck, bad], '/healthz/bad')
  assert.equal(r, { status: 500, body: 'internal server error: this will fail\n', headers: plain })
  assert.is((await get([pingCheck, bad], '/healthz/ping?exclude=ping')).body, 'ok')
})

single.run()

const install = suite('installPathHandler')

install('lists the root and one path per check', () => {
  const r = installPathHandler('/livez', [pingCheck, bad], silentLogger)(newPathMux())
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.equal(listedPaths(r.right), ['/livez', '/livez/bad', '/livez/ping'])
})

install('without checks it installs ping', async () => {
  assert.is((await get([], '/healthz?verbose')).body, '[+]ping ok\nhealthz check passed\n')
  assert.is((await get([], '/healthz/ping')).body, 'ok')
})

install('a path already on the mux is refused', () => {
  const once = installPathHandler('/healthz', [pingCheck], silentLogger)(newPathMux())
  assert.ok(E.isRight(once))
  if (E.isRight(once)) assert.ok(E.isLeft(installPathHandler('/healthz', [pingCheck], silentLogger)(once.right)))
})

install.run()
