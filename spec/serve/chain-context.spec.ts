import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { userKey } from '../../src/auth/user.js'
import { newRequest, parseTarget, put } from '../../src/core/index.js'
import { auditIdKey } from '../../src/request/facts.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { chainContext } from '../../src/serve/chain-context.js'

const target = parseTarget('/api/v1/namespaces/default/pods')
if (target._tag === 'Left') throw new Error('bad target')
const bare = newRequest({ method: 'GET', target: target.right, headers: {} })

test('a request no step touched hands over nothing but itself', () => {
  const ctx = chainContext(bare)
  assert.is(ctx.user, undefined)
  assert.is(ctx.requestInfo, undefined)
  assert.is(ctx.auditId, undefined)
  assert.is(ctx.request, bare)
})

test('the user, RequestInfo and audit ID the chain put are handed over', () => {
  const user = { name: 'alice', uid: '1', groups: ['dev'], extra: {} }
  const info = { isResourceRequest: false, path: '/x', verb: 'get' } as never
  const req = put(put(put(bare, userKey, user), requestInfoKey, info), auditIdKey, 'abc')
  const ctx = chainContext(req)
  assert.is(ctx.user, user)
  assert.is(ctx.requestInfo, info)
  assert.is(ctx.auditId, 'abc')
  assert.is(ctx.request, req)
})

test.run()
