import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeEvent, eventEncoder } from '../../src/audit/encode-event.js'
import { type AuditRecord, eventAt } from '../../src/audit/event-builder.js'
import { fixedEventUser, fixedObjectRef } from '../../src/audit/fixed-parts.js'
import { resourceInfo } from '../support/request-info.js'
import type { AuditEvent } from '../../src/audit/event.js'
import { goJson } from '../../src/core/go-json.js'
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

// Strings that need every kind of escape: quotes, backslashes, controls, Go's <>&, U+2028/9, lone surrogates.
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', 'a"b', 'a\\b', '\u0000\n\t', '<&>', '\u2028\u2029', '\ud800', 'x\udfffy', 'é😀'),
)
const opt = <A>(arb: fc.Arbitrary<A>) => fc.option(arb, { nil: undefined })
const user = fc.record({
  username: opt(text),
  uid: opt(text),
  groups: opt(fc.array(text)),
  extra: opt(fc.dictionary(text, fc.array(text))),
})
const event: fc.Arbitrary<AuditEvent> = fc.record({
  kind: fc.constant('Event' as const),
  apiVersion: fc.constant('audit.k8s.io/v1' as const),
  level: fc.constantFrom('None' as const, 'Metadata' as const, 'Request' as const, 'RequestResponse' as const),
  auditID: text,
  stage: fc.constantFrom('RequestReceived' as const, 'ResponseStarted' as const, 'ResponseComplete' as const, 'Panic' as const),
  requestURI: text,
  verb: text,
  user,
  impersonatedUser: opt(user),
  sourceIPs: opt(fc.array(text)),
  userAgent: opt(text),
  objectRef: opt(
    fc.record({
      resource: opt(text),
      namespace: opt(text),
      name: opt(text),
      apiGroup: opt(text),
      apiVersion: opt(text),
      subresource: opt(text),
    }),
  ),
  responseStatus: opt(
    fc.record({
      metadata: fc.constant({}),
      status: opt(fc.constantFrom('Success' as const, 'Failure' as const)),
      message: opt(text),
      reason: opt(text),
      code: opt(fc.oneof(fc.integer(), fc.double())),
    }),
  ),
  requestObject: fc.oneof(
    fc.constant(undefined),
    fc.jsonValue(),
    fc.constant(() => 1),
  ),
  responseObject: fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.object()),
  requestReceivedTimestamp: text,
  stageTimestamp: text,
  annotations: opt(fc.dictionary(text, text)),
})

Encode('is byte for byte goJson of any event built in field order', () => {
  fc.assert(
    fc.property(event, (e) => {
      assert.is(encodeEvent(e), goJson(e))
    }),
    { numRuns: 2000 },
  )
})

const recordOf = (e: AuditEvent): AuditRecord => ({
  level: e.level,
  auditID: e.auditID,
  requestURI: e.requestURI,
  verb: e.verb,
  user: e.user,
  sourceIPs: e.sourceIPs,
  userAgent: e.userAgent,
  objectRef: e.objectRef,
  requestReceivedTimestamp: e.requestReceivedTimestamp,
  impersonatedUser: e.impersonatedUser,
  responseStatus: e.responseStatus,
  requestObject: e.requestObject,
  responseObject: e.responseObject,
  annotations: e.annotations,
  annotationsShared: false,
  sharedJson: undefined,
})

const sharedField = fc.constantFrom(
  'level' as const,
  'auditID' as const,
  'requestURI' as const,
  'verb' as const,
  'user' as const,
  'sourceIPs' as const,
  'userAgent' as const,
  'objectRef' as const,
  'requestReceivedTimestamp' as const,
)

Encode('writes goJson of each event of one request, in any order and again, and of copies with other shared fields', () => {
  fc.assert(
    fc.property(event, event, sharedField, (a, b, field) => {
      const r = recordOf(a)
      const received = eventAt(r, 'RequestReceived', a.stageTimestamp)
      r.responseStatus = b.responseStatus
      r.annotations = b.annotations
      r.impersonatedUser = b.impersonatedUser
      const complete = eventAt(r, 'ResponseComplete', b.stageTimestamp)
      assert.is(encodeEvent(complete), goJson(complete))
      assert.is(encodeEvent(received), goJson(received))
      assert.is(encodeEvent(complete), goJson(complete))
      const changed = { ...complete, [field]: b[field] }
      assert.is(encodeEvent(changed), goJson(changed))
    }),
    { numRuns: 1000 },
  )
})

Encode.run()

const Encoder = suite('eventEncoder')

Encoder('writes what encodeEvent writes for any sequence of events, repeated strings and timestamps included', () => {
  const again = fc.constantFrom('list', 'RBAC: allowed by "x"', '2026-11-23T10:00:00.000000Z', 'a<b')
  const repeating = event.chain((e) =>
    fc.record({ verb: again, stageTimestamp: again, requestReceivedTimestamp: again, k: again, v: again }).map((r) => ({
      ...e,
      verb: r.verb,
      stageTimestamp: r.stageTimestamp,
      requestReceivedTimestamp: r.requestReceivedTimestamp,
      annotations: { ...e.annotations, [r.k]: r.v },
    })),
  )
  fc.assert(
    fc.property(fc.array(fc.oneof(event, repeating), { maxLength: 12 }), (events) => {
      const encode = eventEncoder()
      for (const e of [...events, ...events]) assert.is(encode(e), goJson(e))
    }),
    { numRuns: 300 },
  )
})

Encoder('writes goJson of the events of requests that share frozen users, targets and peers, or differ in any field', () => {
  const users = [
    fixedEventUser({ name: 'a', uid: '', groups: ['g'], extra: {} }),
    fixedEventUser({ name: 'b<', uid: '1', groups: [], extra: {} }),
  ]
  const refs = [fixedObjectRef(resourceInfo('get', 'pods')), fixedObjectRef(resourceInfo('list', 'pods', { namespace: 'x' }))]
  const request = fc.record({
    user: fc.constantFrom(...users, { username: 'plain' }),
    objectRef: fc.constantFrom(...refs, undefined, { resource: 'loose' }),
    requestURI: fc.constantFrom('/api/v1/pods', '/api/v1/pods?watch=1', '/a&b'),
    verb: fc.constantFrom('get', 'list'),
    userAgent: fc.constantFrom(undefined, 'kubectl', 'curl<'),
    sourceIPs: fc.constantFrom(undefined, ['10.0.0.1']),
    impersonated: fc.boolean(),
  })
  fc.assert(
    fc.property(fc.array(request, { maxLength: 10 }), (requests) => {
      const encode = eventEncoder()
      for (const [i, r] of requests.entries()) {
        const { impersonated, ...fields } = r
        const record = recordOf({ ...sampleEvent(`id${i}`), ...fields })
        const received = eventAt(record, 'RequestReceived', 't0')
        if (impersonated) record.impersonatedUser = { username: 'imp' }
        record.responseStatus = { metadata: {}, code: 200 + i }
        const complete = eventAt(record, 'ResponseComplete', 't1')
        assert.is(encode(received), goJson(received))
        assert.is(encode(complete), goJson(complete))
      }
    }),
    { numRuns: 300 },
  )
})

Encoder('writes the JSON a frozen user or objectRef carries, which is theirs', () => {
  const user = fixedEventUser({ name: 'tim', uid: '1', groups: ['a<b'], extra: { k: ['v'] } })
  const objectRef = fixedObjectRef(resourceInfo('get', 'pods', { namespace: 'default' }))
  const e = { ...sampleEvent('x'), user, objectRef, impersonatedUser: user }
  assert.is(eventEncoder()(e), goJson(e))
  assert.is(encodeEvent(e), goJson(e))
})

Encoder.run()
