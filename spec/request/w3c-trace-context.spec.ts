import { ROOT_CONTEXT, trace } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { remoteSpanContext } from '../../src/request/w3c-trace-context.js'

const w3c = suite('remoteSpanContext: the W3C traceparent a privileged caller may continue')
const good = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'

w3c('a valid traceparent gives a remote, sampled span context; tracestate rides along', () => {
  const c = remoteSpanContext(good, 'vendor=a,other=b')
  assert.is(c?.traceId, '0af7651916cd43dd8448eb211c80319c')
  assert.is(c?.spanId, 'b7ad6b7169203331')
  assert.is(c?.traceFlags, 1)
  assert.is(c?.isRemote, true)
  assert.is(c?.traceState?.get('vendor'), 'a')
})

w3c('invalid ones give nothing: version ff, zero ids, upper case, wrong lengths, extra fields on version 00', () => {
  for (const bad of [
    'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    '00-00000000000000000000000000000000-b7ad6b7169203331-01',
    '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01',
    '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01',
    '00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01',
    '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra',
    `${good},${good}`,
    '',
  ])
    assert.is(remoteSpanContext(bad, undefined), undefined, bad)
})

w3c('a later version may carry more fields', () => {
  assert.is(remoteSpanContext('01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-ever', undefined)?.spanId, 'b7ad6b7169203331')
})

w3c("agrees with OpenTelemetry's W3CTraceContextPropagator on any traceparent, valid or not", () => {
  const propagator = new W3CTraceContextPropagator()
  const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`))
  const field = fc.oneof(hex(2), hex(16), hex(32), fc.constantFrom('00', 'ff', '0'.repeat(16), '0'.repeat(32)), fc.string({ maxLength: 4 }))
  const header = fc.oneof(
    fc.tuple(fc.constantFrom('00', '01', 'ff', 'zz'), hex(32), hex(16), hex(2)).map((f) => f.join('-')),
    fc.array(field, { minLength: 1, maxLength: 6 }).map((f) => f.join('-')),
    fc.string(),
  )
  fc.assert(
    fc.property(header, (h) => {
      const theirs = trace.getSpanContext(
        propagator.extract(ROOT_CONTEXT, { traceparent: h }, { get: (c, k) => c[k as 'traceparent'], keys: Object.keys }),
      )
      const ours = remoteSpanContext(h, undefined)
      assert.equal(ours === undefined ? undefined : { ...ours }, theirs === undefined ? undefined : { ...theirs, traceState: undefined }, h)
    }),
    { numRuns: 500 },
  )
})

w3c.run()
