import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { checkChain } from '../../src/chains/index.js'
import { type Handler, get, identity, recordingLogger, step, text } from '../../src/core/index.js'
import { requestInfoKey, requestInfoResolverDefaults } from '../../src/request/index.js'
import { requestInfoStep, withRequestInfo } from '../../src/filters/with-request-info.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

/** Answers `<verb> <namespace>/<resource>/<name>` from the RequestInfo it saw. */
const showInfo: Handler = (req) => {
  const info = O.toUndefined(get(req, requestInfoKey))
  return Promise.resolve(text(200, info === undefined ? 'none' : `${info.verb} ${info.namespace}/${info.resource}/${info.name}`))
}

const filter = suite('withRequestInfo')

filter('stores the resolved RequestInfo for inner handlers', async () => {
  const h = withRequestInfo(requestInfoResolverDefaults, recordingLogger())(showInfo)
  assert.is(await bodyText(await run(h, makeRequest('/api/v1/namespaces/default/pods?watch=1'))), 'watch default/pods/')
  assert.is(
    await bodyText(await run(h, makeRequest('/api/v1/namespaces/kube-system/pods/dns', { method: 'DELETE' }))),
    'delete kube-system/pods/dns',
  )
})

filter('answers a request the resolver rejects with upstream InternalError text', async () => {
  let called = false
  const h = withRequestInfo(
    requestInfoResolverDefaults,
    recordingLogger(),
  )(() => {
    called = true
    return showInfo(makeRequest('/'))
  })
  const res = await run(h, makeRequest('/api/v1/watch'))
  assert.is(statusOf(res), 500)
  assert.is(
    await bodyText(res),
    'Internal Server Error: "/api/v1/watch": failed to create RequestInfo: unable to determine kind and namespace from url, /api/v1/watch\n',
  )
  assert.is(res.headers['content-type'], 'text/plain; charset=utf-8')
  assert.is(called, false)
})

filter('escapes &, < and > in that text and logs the error', async () => {
  const logger = recordingLogger()
  const res = await run(withRequestInfo(requestInfoResolverDefaults, logger)(showInfo), makeRequest('/api/v1/watch?a=<b>&c'))
  assert.is(
    await bodyText(res),
    'Internal Server Error: "/api/v1/watch?a=&lt;b&gt;&amp;c": failed to create RequestInfo: unable to determine kind and namespace from url, /api/v1/watch?a=&lt;b&gt;&amp;c\n',
  )
  assert.is(logger.entries.length, 1)
  assert.is(logger.entries[0]?.level, 'error')
  assert.match(logger.entries[0]?.msg ?? '', 'failed to create RequestInfo: unable to determine kind and namespace from url')
})

filter.run()

const stepSuite = suite('requestInfoStep')

stepSuite('provides RequestInfo, so readers must run inside it', () => {
  const s = requestInfoStep(requestInfoResolverDefaults, recordingLogger())
  assert.is(s.name, 'request-info')
  assert.equal(s.provides, ['RequestInfo'])
  const reader = step('authorization', identity, { needs: ['RequestInfo'] })
  assert.ok(E.isRight(checkChain([s, reader])))
  assert.ok(E.isLeft(checkChain([reader, s])))
})

stepSuite.run()
