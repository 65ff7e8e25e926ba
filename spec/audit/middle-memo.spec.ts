import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fixedEventUser, fixedObjectRef, fixedSourceIPs } from '../../src/audit/fixed-parts.js'
import { middleMemo } from '../../src/audit/middle-memo.js'
import { type Request, newRequest, parseTarget } from '../../src/core/index.js'
import { resourceInfo } from '../support/request-info.js'

const request = (socket: object): Request => {
  const target = parseTarget('/x')
  if (target._tag === 'Left') throw new Error(target.left)
  return newRequest({ method: 'GET', target: target.right, headers: {}, raw: { socket } as never })
}

const user = fixedEventUser({ name: 'tim', uid: '', groups: [], extra: {} })
const objectRef = fixedObjectRef(resourceInfo('list', 'pods'))
const fields = { requestURI: '/api/v1/pods', verb: 'list', user, sourceIPs: undefined, userAgent: 'kubectl', objectRef }
const middle = { json: '"requestURI":...', cut: 3 }

const Memo = suite('middleMemo')

Memo('gives back the middle of the last request with the very same fields', () => {
  const memo = middleMemo()
  assert.is(memo.get(fields), undefined)
  memo.set(fields, middle)
  assert.is(memo.get({ ...fields, requestURI: `/api/v1/${'pods'}` }), middle, 'equal strings, not only the same ones')
  const other = { json: 'other', cut: 0 }
  memo.set(fields, other)
  assert.is(memo.get(fields), other, 'the last one per target')
})

Memo('takes the frozen sourceIPs of another connection from the same peer as the same', () => {
  const memo = middleMemo()
  const peer = (remoteAddress: string) => fixedSourceIPs(request({ remoteAddress }))
  memo.set({ ...fields, sourceIPs: peer('10.0.0.1') }, middle)
  assert.is(memo.get({ ...fields, sourceIPs: peer('10.0.0.1') }), middle)
  assert.is(memo.get({ ...fields, sourceIPs: peer('10.0.0.2') }), undefined)
})

Memo('gives nothing when any field differs', () => {
  const memo = middleMemo()
  memo.set(fields, middle)
  const changes = [
    { requestURI: '/api/v1/pods?limit=1' },
    { verb: 'get' },
    { user: fixedEventUser({ name: 'tim', uid: '', groups: [], extra: {} }) }, // another UserInfo: another frozen user
    { sourceIPs: ['10.0.0.1'] },
    { userAgent: undefined },
    { objectRef: fixedObjectRef(resourceInfo('list', 'pods')) },
  ]
  for (const change of changes) assert.is(memo.get({ ...fields, ...change }), undefined, JSON.stringify(change))
})

Memo('remembers only requests made of frozen parts, which cannot change under it', () => {
  const memo = middleMemo()
  const loose = [{ user: { username: 'tim' } }, { objectRef: { resource: 'pods' } }, { sourceIPs: ['10.0.0.1'] }]
  for (const change of loose) {
    memo.set({ ...fields, ...change }, middle)
    assert.is(memo.get({ ...fields, ...change }), undefined, JSON.stringify(change))
  }
})

Memo.run()
