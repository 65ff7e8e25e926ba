import { PassThrough, Readable } from 'node:stream'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { type ApiError, type RawRequest, type Request, newCancelSource, newRequest, parseTarget, toResponse } from '../../src/core/index.js'
import { bodyTooLarge, canCloseConnection, maxPostHandlerReadBytes, readBodyLimited } from '../../src/core/read-body.js'
import { bodyText } from '../support/request.js'

/** A POST whose raw request is an in-memory stream of `chunks`; `http2` marks it as an HTTP/2 request. */
const withBody = (chunks: ReadonlyArray<Buffer | string>, http2 = false): { req: Request; raw: Readable } => {
  const raw = Readable.from(chunks, { objectMode: false })
  if (http2) Object.assign(raw, { httpVersionMajor: 2 })
  const target = parseTarget('/api/v1/namespaces')
  if (E.isLeft(target)) throw new Error(target.left)
  return { req: newRequest({ method: 'POST', target: target.right, headers: {}, raw: raw as unknown as RawRequest }), raw }
}
/** The body read as text, or `error: <code>`. */
const bodyOf = (r: E.Either<ApiError, Uint8Array>): string =>
  E.isRight(r) ? Buffer.from(r.right).toString('utf8') : `error: ${r.left._tag === 'Status' ? r.left.status.code : r.left.code}`
const tooLargeBody = (limit: number) =>
  `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Request entity too large: limit is ${limit}","reason":"RequestEntityTooLarge","code":413}\n`
const left = (r: E.Either<ApiError, Uint8Array>): ApiError => {
  if (E.isRight(r)) throw new Error(`expected an error, got ${r.right.length} bytes`)
  return r.left
}

const read = suite('readBodyLimited')

read('reads an empty body when the request has no raw stream', async () => {
  const target = parseTarget('/x')
  if (E.isLeft(target)) throw new Error(target.left)
  const r = await readBodyLimited(newRequest({ method: 'POST', target: target.right, headers: {} }), 10)()
  assert.equal(r, E.right(new Uint8Array(0)))
})

read('reads every chunk of a body up to the limit', async () => {
  const r = await readBodyLimited(withBody(['ab', Buffer.from('cd')]).req, 4)()
  assert.is(bodyOf(r), 'abcd')
})

read('answers 413 for one byte over the limit, keeping the connection for a small rest', async () => {
  const err = left(await readBodyLimited(withBody(['abc', 'de']).req, 4)())
  const res = toResponse(err)
  assert.is(res.status, 413)
  assert.is(await bodyText(res), tooLargeBody(4))
  assert.not.ok('connection' in res.headers)
})

read('closes the connection when 256 KiB or more are left unread, and discards the rest', async () => {
  const { req, raw } = withBody([Buffer.alloc(5), Buffer.alloc(maxPostHandlerReadBytes), Buffer.alloc(10)])
  const res = toResponse(left(await readBodyLimited(req, 4)()))
  assert.is(res.headers['connection'], 'close')
  assert.is(raw.listenerCount('data'), 0)
  await new Promise((resolve) => setImmediate(resolve))
  assert.ok(raw.readableEnded, 'the rest is discarded, not left paused')
})

read('drains a rest under 256 KiB without closing the connection', async () => {
  const { req } = withBody([Buffer.alloc(5), Buffer.alloc(maxPostHandlerReadBytes - 2)])
  assert.not.ok('connection' in toResponse(left(await readBodyLimited(req, 4)())).headers)
})

read('never asks an HTTP/2 request to close its connection', async () => {
  const { req } = withBody([Buffer.alloc(5 + maxPostHandlerReadBytes)], true)
  assert.not.ok('connection' in toResponse(left(await readBodyLimited(req, 4)())).headers)
})

read('reads without limit when the limit is 0 or negative', async () => {
  assert.is(bodyOf(await readBodyLimited(withBody(['abcdef']).req, 0)()), 'abcdef')
  assert.is(bodyOf(await readBodyLimited(withBody(['abcdef']).req, -1)()), 'abcdef')
})

read('answers Go unexpected EOF (500, no reason) for a body cut off by an error or an early close', async () => {
  const expected = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"unexpected EOF","code":500}\n'
  const failing = new Readable({
    read() {
      this.destroy(new Error('aborted'))
    },
  })
  const closing = new Readable({
    read() {
      this.destroy()
    },
  })
  for (const raw of [failing, closing]) {
    const target = parseTarget('/x')
    if (E.isLeft(target)) throw new Error(target.left)
    const req = newRequest({ method: 'POST', target: target.right, headers: {}, raw: raw as unknown as RawRequest })
    const res = toResponse(left(await readBodyLimited(req, 10)()))
    assert.is(res.status, 500)
    assert.is(await bodyText(res), expected)
  }
})

read('yields the body iff it fits the limit (property)', async () => {
  const chunk = fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a))
  await fc.assert(
    fc.asyncProperty(fc.array(chunk, { maxLength: 6 }), fc.integer({ min: 1, max: 64 }), async (chunks, limit) => {
      const whole = Buffer.concat(chunks)
      const r = await readBodyLimited(withBody(chunks).req, limit)()
      if (whole.length <= limit) assert.equal(r, E.right(whole))
      else assert.is(await bodyText(toResponse(left(r))), tooLargeBody(limit))
    }),
  )
})

const tooLarge = suite('bodyTooLarge')

tooLarge('is the RequestEntityTooLarge Status, with Connection: close on request', async () => {
  const plain = toResponse(bodyTooLarge(3145728, false))
  assert.is(await bodyText(plain), tooLargeBody(3145728))
  assert.equal(plain.headers, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' })
  assert.is(toResponse(bodyTooLarge(1, true)).headers['connection'], 'close')
})

const closeable = suite('canCloseConnection')

closeable('is false only for HTTP/2 requests', () => {
  assert.ok(canCloseConnection(undefined))
  assert.ok(canCloseConnection({ httpVersionMajor: 1 } as RawRequest))
  assert.not.ok(canCloseConnection({ httpVersionMajor: 2 } as RawRequest))
})

const maxRead = suite('maxPostHandlerReadBytes')

maxRead('is Go net/http 256 KiB', () => {
  assert.is(maxPostHandlerReadBytes, 262144)
})

read('stops reading with a 500 when the request is cancelled while its body arrives', async () => {
  const raw = new PassThrough()
  const source = newCancelSource()
  const target = parseTarget('/api/v1/namespaces')
  if (E.isLeft(target)) throw new Error(target.left)
  const req = newRequest({ method: 'POST', target: target.right, headers: {}, raw: raw as unknown as RawRequest, cancel: source.token })
  const reading = readBodyLimited(req, 0)()
  raw.write('{')
  source.cancel(new Error('context deadline exceeded'))
  const err = left(await reading)
  assert.is(err._tag === 'Status' ? err.status.code : 0, 500)
  assert.is(err._tag === 'Status' ? err.status.message : '', 'request body read cancelled: context deadline exceeded')
  assert.is(raw.isPaused(), true, 'the rest of the body is not read')
})

read('answers the cancellation at once when the request was cancelled before reading', async () => {
  const source = newCancelSource()
  source.cancel(new Error('client disconnected'))
  const raw = new PassThrough()
  const target = parseTarget('/x')
  if (E.isLeft(target)) throw new Error(target.left)
  const r = await readBodyLimited(
    newRequest({ method: 'POST', target: target.right, headers: {}, raw: raw as unknown as RawRequest, cancel: source.token }),
    0,
  )()
  const err = left(r)
  assert.is(err._tag === 'Status' ? err.status.message : '', 'request body read cancelled: client disconnected')
})

read.run()
tooLarge.run()
closeable.run()
maxRead.run()
