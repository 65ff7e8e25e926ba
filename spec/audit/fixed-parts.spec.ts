import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeObjectRef, encodeStrings, encodeUser } from '../../src/audit/encode-event.js'
import { eventUser } from '../../src/audit/event-builder.js'
import { fixedEventUser, fixedObjectRef, fixedSourceIPs } from '../../src/audit/fixed-parts.js'
import { sourceIPs } from '../../src/audit/source-ips.js'
import { type Request, newRequest, parseTarget } from '../../src/core/index.js'
import { goJson } from '../../src/core/go-json.js'
import { resourceInfo } from '../support/request-info.js'

const request = (headers: Record<string, string>, socket: object): Request => {
  const target = parseTarget('/x')
  if (target._tag === 'Left') throw new Error(target.left)
  return newRequest({ method: 'GET', target: target.right, headers, raw: { socket } as never })
}

const Fixed = suite('fixed parts')

Fixed('a user is made once per UserInfo, frozen, equal to eventUser, and its JSON is goJson of it', () => {
  const u = { name: 'tim<', uid: '', groups: ['a', 'b'], extra: JSON.parse('{"scopes":["x&y"],"__proto__":["p"]}') }
  const made = fixedEventUser(u)
  assert.is(fixedEventUser(u), made)
  assert.is(fixedEventUser({ ...u }) === made, false, 'another UserInfo object is another user')
  assert.equal(made, eventUser(u))
  assert.ok(Object.isFrozen(made) && Object.isFrozen(made.groups) && Object.isFrozen(made.extra))
  assert.is(encodeUser(made), goJson(made))
  const copy = { ...made, username: 'bob' }
  assert.is(encodeUser(copy), goJson(copy), 'a copy does not carry the JSON of what it was copied from')
})

Fixed('an objectRef is made once per RequestInfo, frozen, with its JSON', () => {
  const info = resourceInfo('get', 'pods', { namespace: 'default', name: 'web', subresource: 'log' })
  const made = fixedObjectRef(info)
  assert.is(fixedObjectRef(info), made)
  assert.equal(JSON.parse(goJson(made)), { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1', subresource: 'log' })
  assert.ok(Object.isFrozen(made))
  assert.is(encodeObjectRef(made), goJson(made))
  assert.is(encodeObjectRef({ ...made, name: 'db' }), goJson({ ...made, name: 'db' }))
})

Fixed('sourceIPs are made once per connection when the peer is the only source, afresh when headers name others', () => {
  const socket = { remoteAddress: '::ffff:10.0.0.7' }
  const first = fixedSourceIPs(request({}, socket))
  assert.equal(first, ['10.0.0.7'])
  assert.is(fixedSourceIPs(request({}, socket)), first)
  assert.ok(Object.isFrozen(first))
  assert.is(encodeStrings(first ?? []), '["10.0.0.7"]')
  const other = fixedSourceIPs(request({}, { remoteAddress: '10.0.0.8' }))
  assert.equal(other, ['10.0.0.8'])
  const forwarded: ReadonlyArray<Record<string, string>> = [{ 'x-forwarded-for': '1.1.1.1' }, { 'x-real-ip': '2.2.2.2' }]
  for (const headers of forwarded) {
    const req = request(headers, socket)
    const ips = fixedSourceIPs(req)
    assert.equal(ips, sourceIPs(req))
    assert.is.not(ips, first)
  }
  assert.is(fixedSourceIPs(request({}, { remoteAddress: undefined })), undefined)
})

Fixed.run()
