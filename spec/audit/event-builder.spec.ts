import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { eventAt, eventUser, newAuditRecord, recorderFor, sourceIPs } from '../../src/audit/event-builder.js'
import { encodeEvent } from '../../src/audit/encode-event.js'
import { type Request, newRequest, parseTarget, put } from '../../src/core/index.js'
import { receivedTimestampKey } from '../../src/request/facts.js'
import { resourceInfo } from '../support/request-info.js'
import { makeRequest } from '../support/request.js'
import { type Lines, http1Request, http2Request } from '../core/node-request.js'
import { tim } from './fixtures.js'

const t0 = Date.UTC(2026, 10, 23, 10, 0, 0, 123) + 0.456

const withPeer = (url: string, headers: Record<string, string | ReadonlyArray<string>>, remoteAddress: string | undefined): Request => {
  const target = parseTarget(url)
  if (target._tag === 'Left') throw new Error(target.left)
  return newRequest({ method: 'GET', target: target.right, headers, raw: { socket: { remoteAddress } } as never })
}

const Record_ = suite('newAuditRecord')

Record_('builds the known event byte for byte', () => {
  const req = put(
    withPeer(
      '/api/v1/namespaces/default/pods/web?timeout=5s',
      { 'user-agent': 'kubectl/v1.36 <x&y>', 'x-forwarded-for': '10.0.0.1, bogus, 10.0.0.2' },
      '::ffff:127.0.0.1',
    ),
    receivedTimestampKey,
    t0,
  )
  const info = resourceInfo('get', 'pods', { namespace: 'default', name: 'web', path: '/api/v1/namespaces/default/pods/web' })
  const record = newAuditRecord(req, info, { ...tim, uid: 'u-1', extra: { scopes: ['a'] } }, 'Metadata', '4f1b2c3d', 0)
  record.responseStatus = { metadata: {}, code: 200 }
  recorderFor(record).annotate('authorization.k8s.io/decision', 'allow')
  const json = encodeEvent(eventAt(record, 'ResponseComplete', '2026-11-23T10:00:01.000000Z'))
  assert.is(
    json,
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"4f1b2c3d","stage":"ResponseComplete",' +
      '"requestURI":"/api/v1/namespaces/default/pods/web?timeout=5s","verb":"get",' +
      '"user":{"username":"tim@k8s.io","uid":"u-1","groups":["humans","developers"],"extra":{"scopes":["a"]}},' +
      '"sourceIPs":["10.0.0.1","10.0.0.2","127.0.0.1"],"userAgent":"kubectl/v1.36 \\u003cx\\u0026y\\u003e",' +
      '"objectRef":{"resource":"pods","namespace":"default","name":"web","apiVersion":"v1"},' +
      '"responseStatus":{"metadata":{},"code":200},' +
      '"requestReceivedTimestamp":"2026-11-23T10:00:00.123456Z","stageTimestamp":"2026-11-23T10:00:01.000000Z",' +
      '"annotations":{"authorization.k8s.io/decision":"allow"}}',
  )
})

Record_('writes a failed-authentication user as {} and leaves objectRef out of non-resource requests', () => {
  const info = { ...resourceInfo('get', ''), isResourceRequest: false, path: '/healthz' }
  const record = newAuditRecord(makeRequest('/healthz'), info, undefined, 'Metadata', 'a', t0)
  const ev = JSON.parse(encodeEvent(eventAt(record, 'ResponseStarted', 'x'))) as Record<string, unknown>
  assert.equal(ev['user'], {})
  assert.is(ev['objectRef'], undefined)
  assert.is(ev['sourceIPs'], undefined)
  assert.is(ev['requestReceivedTimestamp'], '2026-11-23T10:00:00.123456Z')
})

Record_('cuts a long user agent to 1024 characters plus ...TRUNCATED', () => {
  const req = makeRequest('/x', { headers: { 'user-agent': 'a'.repeat(1025) } })
  const record = newAuditRecord(req, resourceInfo('get', 'pods'), tim, 'Metadata', 'a', 0)
  assert.is(record.userAgent, `${'a'.repeat(1024)}...TRUNCATED`)
  const short = newAuditRecord(
    makeRequest('/x', { headers: { 'user-agent': 'a'.repeat(1024) } }),
    resourceInfo('get', 'pods'),
    tim,
    'Metadata',
    'a',
    0,
  )
  assert.is(short.userAgent, 'a'.repeat(1024))
})

const Source = suite('sourceIPs')

Source('X-Forwarded-For entries, then X-Real-Ip unless listed, then the peer unless it is last', () => {
  assert.equal(sourceIPs(withPeer('/', { 'x-forwarded-for': '1.1.1.1,2.2.2.2', 'x-real-ip': '3.3.3.3' }, '4.4.4.4')), [
    '1.1.1.1',
    '2.2.2.2',
    '3.3.3.3',
    '4.4.4.4',
  ])
  assert.equal(sourceIPs(withPeer('/', { 'x-forwarded-for': '1.1.1.1, 2.2.2.2', 'x-real-ip': '1.1.1.1' }, '2.2.2.2')), [
    '1.1.1.1',
    '2.2.2.2',
  ])
  assert.equal(sourceIPs(withPeer('/', { 'x-real-ip': 'nope' }, 'fe80::1')), ['fe80::1'])
  assert.equal(sourceIPs(withPeer('/', {}, undefined)), undefined)
})

Source("only the first X-Forwarded-For and X-Real-Ip lines count, as Go's Header.Get, over HTTP/1.1 and HTTP/2 alike", () => {
  for (const build of [http1Request, http2Request]) {
    const lines: Lines = [
      ['x-forwarded-for', '1.1.1.1, 2.2.2.2'],
      ['x-forwarded-for', '9.9.9.9'],
      ['x-real-ip', '3.3.3.3'],
      ['x-real-ip', '8.8.8.8'],
    ]
    assert.equal(sourceIPs(build(lines)), ['1.1.1.1', '2.2.2.2', '3.3.3.3'], build.name)
    assert.equal(
      sourceIPs(
        build([
          ['x-real-ip', 'nope'],
          ['x-real-ip', '3.3.3.3'],
        ]),
      ),
      undefined,
      `${build.name}: a bad first line is not replaced by a later one`,
    )
    assert.equal(
      sourceIPs(
        build([
          ['x-forwarded-for', ''],
          ['x-forwarded-for', '9.9.9.9'],
        ]),
      ),
      undefined,
      `${build.name}: an empty first line lists nothing`,
    )
  }
})

Source('a request made in memory: an array of values is several lines, the first one counts', () => {
  const req = withPeer('/', { 'x-forwarded-for': ['1.1.1.1', '9.9.9.9'], 'x-real-ip': ['3.3.3.3', '8.8.8.8'] }, '4.4.4.4')
  assert.equal(sourceIPs(req), ['1.1.1.1', '3.3.3.3', '4.4.4.4'])
})

const Recorder = suite('recorderFor')

Recorder('keeps request objects from level Request and response objects at RequestResponse, resource requests only', () => {
  const at = (level: 'Metadata' | 'Request' | 'RequestResponse', resource: boolean) => {
    const info = resource ? resourceInfo('create', 'pods') : { ...resourceInfo('post', ''), isResourceRequest: false, path: '/x' }
    const r = newAuditRecord(makeRequest('/x'), info, tim, level, 'a', 0)
    const rec = recorderFor(r)
    rec.requestObject?.('in')
    rec.responseObject?.('out')
    return [r.requestObject, r.responseObject]
  }
  assert.equal(at('Metadata', true), [undefined, undefined])
  assert.equal(at('Request', true), ['in', undefined])
  assert.equal(at('RequestResponse', true), ['in', 'out'])
  assert.equal(at('RequestResponse', false), [undefined, undefined])
})

Recorder('never changes an event already made; annotations keep their first value', () => {
  const r = newAuditRecord(makeRequest('/x'), resourceInfo('get', 'pods'), tim, 'Metadata', 'a', 0)
  const rec = recorderFor(r)
  rec.annotate('a', '1')
  const first = eventAt(r, 'RequestReceived', 'x')
  rec.annotate('b', '2')
  rec.annotate('a', '3')
  rec.impersonated({ name: 'bob', uid: '', groups: [], extra: {} })
  assert.equal(first.annotations, { a: '1' })
  assert.is(first.impersonatedUser, undefined)
  assert.equal(eventAt(r, 'ResponseComplete', 'x').annotations, { a: '1', b: '2' })
})

Recorder('each event keeps the annotations made before it, in the order they were made', () => {
  const r = newAuditRecord(makeRequest('/x'), resourceInfo('get', 'pods'), tim, 'Metadata', 'a', 0)
  const rec = recorderFor(r)
  const none = eventAt(r, 'RequestReceived', 'x')
  rec.annotate('z', '1')
  rec.annotate('y', '2')
  const two = eventAt(r, 'ResponseStarted', 'x')
  rec.annotate('x', '3')
  rec.annotate('z', '4')
  rec.annotate('w', '5')
  const four = eventAt(r, 'ResponseComplete', 'x')
  rec.annotate('v', '6')
  assert.is(none.annotations, undefined)
  assert.equal(Object.entries(two.annotations ?? {}), [
    ['z', '1'],
    ['y', '2'],
  ])
  assert.equal(Object.entries(four.annotations ?? {}), [
    ['z', '1'],
    ['y', '2'],
    ['x', '3'],
    ['w', '5'],
  ])
  assert.equal(Object.keys(r.annotations ?? {}), ['z', 'y', 'x', 'w', 'v'])
})

const User = suite('eventUser')

User('leaves empty uid, groups and extra out', () => {
  assert.equal(JSON.stringify(eventUser({ name: 'a', uid: '', groups: [], extra: {} })), '{"username":"a"}')
})

Record_.run()
Source.run()
Recorder.run()
User.run()
