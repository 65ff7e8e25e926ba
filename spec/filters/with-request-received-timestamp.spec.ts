import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { type Handler, fakeClock, get, text } from '../../src/core/index.js'
import { receivedTimestampKey } from '../../src/request/index.js'
import { requestReceivedTimestampStep, withRequestReceivedTimestamp } from '../../src/filters/with-request-received-timestamp.js'
import { bodyText, makeRequest, run } from '../support/request.js'

const showTimestamp: Handler = (req) => Promise.resolve(text(200, String(O.toUndefined(get(req, receivedTimestampKey)))))

const filter = suite('withRequestReceivedTimestamp')

filter('stores the clock time at which each request arrived', async () => {
  const clock = fakeClock(1_700_000_000_000)
  const h = withRequestReceivedTimestamp({ clock })(showTimestamp)
  assert.is(await bodyText(await run(h, makeRequest('/'))), '1700000000000')
  clock.advance(1500)
  assert.is(await bodyText(await run(h, makeRequest('/'))), '1700000001500')
})

filter.run()

const stepSuite = suite('requestReceivedTimestampStep')

stepSuite('provides ReceivedTimestamp and runs outside the filters that compute deadlines from it', () => {
  const s = requestReceivedTimestampStep({ clock: fakeClock() })
  assert.is(s.name, 'request-received-timestamp')
  assert.equal(s.provides, ['ReceivedTimestamp'])
  assert.equal(s.outside, ['request-deadline', 'priority-and-fairness'])
})

stepSuite.run()
