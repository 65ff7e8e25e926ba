import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { type Handler, get, text } from '../../src/core/index.js'
import { newLatch } from '../../src/sync/latch.js'
import {
  muxAndDiscoveryCompleteStep,
  muxIncompleteKey,
  withMuxAndDiscoveryComplete,
} from '../../src/filters/with-mux-and-discovery-complete.js'
import { muxAwareNotFoundHandler } from '../../src/director/mux-aware-not-found.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

/** Answers the marker it saw, or `unmarked`. */
const showMarker: Handler = (req) => Promise.resolve(text(200, O.getOrElse(() => 'unmarked')(get(req, muxIncompleteKey))))

const filter = suite('withMuxAndDiscoveryComplete')

filter('marks requests until the latch fires, then stops marking', async () => {
  const complete = newLatch('MuxAndDiscoveryComplete')
  const h = withMuxAndDiscoveryComplete(complete)(showMarker)
  assert.is(await bodyText(await run(h, makeRequest('/apis'))), 'MuxAndDiscoveryInstallationNotComplete')
  complete.fire()
  assert.is(await bodyText(await run(h, makeRequest('/apis'))), 'unmarked')
})

filter('is the identity without a latch', () => {
  assert.is(withMuxAndDiscoveryComplete(undefined)(showMarker), showMarker)
})

filter('is the identity with a latch that fired before it was made', async () => {
  const complete = newLatch('MuxAndDiscoveryComplete')
  complete.fire()
  const h = withMuxAndDiscoveryComplete(complete)(showMarker)
  assert.is(h, showMarker)
  assert.is(await bodyText(await run(h, makeRequest('/apis'))), 'unmarked')
})

filter('turns the final 404 into a 503 while paths are still being installed', async () => {
  const complete = newLatch('MuxAndDiscoveryComplete')
  const h = withMuxAndDiscoveryComplete(complete)(muxAwareNotFoundHandler)
  assert.is(statusOf(await run(h, makeRequest('/apis/flowcontrol.apiserver.k8s.io/v1beta1'))), 503)
  complete.fire()
  assert.is(statusOf(await run(h, makeRequest('/apis/flowcontrol.apiserver.k8s.io/v1beta1'))), 404)
})

filter.run()

const stepSuite = suite('muxAndDiscoveryCompleteStep')

stepSuite('is named mux-and-discovery-complete and provides the marker', () => {
  const s = muxAndDiscoveryCompleteStep(newLatch('MuxAndDiscoveryComplete'))
  assert.is(s.name, 'mux-and-discovery-complete')
  assert.equal(s.provides, ['MuxAndDiscoveryIncomplete'])
  assert.equal([s.needs, s.inside, s.outside], [[], [], []])
})

stepSuite.run()
