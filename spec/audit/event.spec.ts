import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeEvent } from '../../src/audit/event.js'
import { sampleEvent } from './fixtures.js'

const Encode = suite('encodeEvent')

Encode('writes fields in upstream order, leaves absent ones out, and escapes like Go', () => {
  const line = encodeEvent(sampleEvent('a', { requestURI: '/x?a=1&b=<2>', annotations: { k: 'v' } }))
  assert.is(
    line,
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a","stage":"ResponseComplete",' +
      '"requestURI":"/x?a=1\\u0026b=\\u003c2\\u003e","verb":"list","user":{"username":"tim"},"responseStatus":{"metadata":{},"code":200},' +
      '"requestReceivedTimestamp":"2026-11-23T10:00:00.000000Z","stageTimestamp":"2026-11-23T10:00:00.000000Z","annotations":{"k":"v"}}',
  )
  assert.not.match(line, '\n')
})

Encode.run()
