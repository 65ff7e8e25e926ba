import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { checkChain } from '../../src/chains/index.js'
import { type Handler, type Request, get, put, recordingLogger, text } from '../../src/core/index.js'
import { requestInfoKey, requestInfoResolverDefaults, resolveRequestInfo } from '../../src/request/index.js'
import { requestInfoStep } from '../../src/filters/with-request-info.js'
import { latencyTrackersKey, latencyTrackersStep, trackLatency, withLatencyTrackers } from '../../src/filters/with-latency-trackers.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const resolve = resolveRequestInfo(requestInfoResolverDefaults)
const withInfo = (url: string): Request => {
  const req = makeRequest(url)
  const info = resolve(req)
  if (E.isLeft(info)) throw new Error(info.left.message)
  return put(req, requestInfoKey, info.right)
}

/** Tracks authentication twice and authorization once, then answers the trackers as JSON. */
const tracks: Handler = (req) => {
  trackLatency(req, 'authentication', 3)
  trackLatency(req, 'authorization', 2)
  trackLatency(req, 'authentication', 4)
  const trackers = O.toUndefined(get(req, latencyTrackersKey))
  return Promise.resolve(text(200, trackers === undefined ? 'none' : JSON.stringify(trackers.durationsMs)))
}

const filter = suite('withLatencyTrackers')

filter('gives each request its own trackers, summing durations per layer', async () => {
  const h = withLatencyTrackers(recordingLogger())(tracks)
  assert.is(await bodyText(await run(h, withInfo('/api/v1/pods'))), '{"authentication":7,"authorization":2}')
  assert.is(await bodyText(await run(h, withInfo('/api/v1/pods'))), '{"authentication":7,"authorization":2}')
})

filter('gives watches no trackers, as upstream', async () => {
  const h = withLatencyTrackers(recordingLogger())(tracks)
  assert.is(await bodyText(await run(h, withInfo('/api/v1/pods?watch=true'))), 'none')
})

filter('answers upstream 500 text without RequestInfo and logs it', async () => {
  const logger = recordingLogger()
  const res = await run(withLatencyTrackers(logger)(tracks), makeRequest('/api/v1/pods?x=1'))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Error - no RequestInfo found in context, handler chain must be wrong: "/api/v1/pods?x=1"\n')
  assert.equal(logger.entries, [
    {
      level: 'error',
      msg: 'no RequestInfo found in context, handler chain must be wrong',
      fields: { method: 'GET', URI: '/api/v1/pods?x=1' },
    },
  ])
})

filter('keeps layers named like Object.prototype members apart from it', async () => {
  const h = withLatencyTrackers(recordingLogger())((req) => {
    trackLatency(req, 'constructor', 1)
    trackLatency(req, 'constructor', 1)
    return tracks(req)
  })
  assert.is(await bodyText(await run(h, withInfo('/api/v1/pods'))), '{"constructor":2,"authentication":7,"authorization":2}')
})

filter.run()

const trackSuite = suite('trackLatency')

trackSuite('does nothing for a request without trackers', () => {
  const req = makeRequest('/')
  trackLatency(req, 'authentication', 5)
  assert.equal(get(req, latencyTrackersKey), O.none)
})

trackSuite.run()

const stepSuite = suite('latencyTrackersStep')

stepSuite('needs RequestInfo and provides LatencyTrackers', () => {
  const s = latencyTrackersStep(recordingLogger())
  assert.is(s.name, 'latency-trackers')
  assert.equal([s.needs, s.provides], [['RequestInfo'], ['LatencyTrackers']])
  const info = requestInfoStep(requestInfoResolverDefaults, recordingLogger())
  assert.ok(E.isRight(checkChain([info, s])))
  assert.ok(E.isLeft(checkChain([s, info])))
})

stepSuite.run()
