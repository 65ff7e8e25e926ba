import { Readable } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { MemoryRequest, headerValues, newRequest, parseTarget, peerAddress, readBodyLimited, requestBody } from '../../src/core/index.js'
import { sourceIPs } from '../../src/audit/source-ips.js'
import { canCloseConnection } from '../../src/core/read-body.js'
import { requestTraceAttributes } from '../../src/request/trace-attributes.js'

const target = parseTarget('/x')
if (target._tag === 'Left') throw new Error('bad target')

const memory = (body: string | undefined, opened: string[] = []) =>
  new MemoryRequest(
    'POST',
    '/x',
    { 'x-many': 'a, b' },
    ['x-many', 'a', 'X-Many', 'b'],
    () => (opened.push('opened'), Readable.from(body === undefined ? [] : [Buffer.from(body)])),
    { remoteAddress: '10.0.0.1', remotePort: 7 },
  )

test('a MemoryRequest is an HTTP/1.1 request without a socket; its body is opened on first read, once', () => {
  const opened: string[] = []
  const raw = memory('hi', opened)
  assert.equal([raw.httpVersionMajor, raw.httpVersion, raw.socket], [1, '1.1', undefined])
  assert.equal(opened, [])
  assert.is(requestBody(raw), requestBody(raw))
  assert.equal(opened, ['opened'])
  assert.ok(canCloseConnection(raw))
})

test('readBodyLimited reads a MemoryRequest’s body, and refuses one over the limit', async () => {
  const read = await readBodyLimited(newRequest({ method: 'POST', target: target.right, headers: {}, raw: memory('hello') }), 10)()
  assert.equal(read._tag === 'Right' && Buffer.from(read.right).toString(), 'hello')
  const big = await readBodyLimited(newRequest({ method: 'POST', target: target.right, headers: {}, raw: memory('hello') }), 3)()
  assert.is(big._tag === 'Left' && big.left._tag === 'Status' && big.left.status.code, 413)
  const none = await readBodyLimited(newRequest({ method: 'POST', target: target.right, headers: {}, raw: memory(undefined) }), 3)()
  assert.is(none._tag === 'Right' && none.right.byteLength, 0)
})

test('header lines are read from its rawHeaders while the header is the raw one', () => {
  const raw = memory(undefined)
  const req = newRequest({ method: 'POST', target: target.right, headers: raw.headers, raw })
  assert.equal(headerValues(req, 'x-many'), ['a', 'b'])
})

test('peerAddress: the peer a server told a MemoryRequest, a socket’s address, nothing in memory', () => {
  assert.equal(peerAddress(memory(undefined)), { remoteAddress: '10.0.0.1', remotePort: 7 })
  const socket = { remoteAddress: '::1', remotePort: 9 }
  assert.is(peerAddress({ socket } as never), socket)
  assert.is(peerAddress({ socket: {} } as never), undefined)
  assert.is(peerAddress(undefined), undefined)
})

test('audit’s sourceIPs and the trace attributes read the peer of a MemoryRequest', () => {
  const req = newRequest({ method: 'POST', target: target.right, headers: {}, raw: memory(undefined) })
  assert.equal(sourceIPs(req), ['10.0.0.1'])
  const attrs = requestTraceAttributes(req)
  assert.equal([attrs['network.peer.address'], attrs['network.peer.port'], attrs['network.protocol.version']], ['10.0.0.1', 7, '1.1'])
})

test.run()
