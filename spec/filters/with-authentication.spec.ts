import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { anonymousAuthenticator } from '../../src/auth/anonymous-authenticator.js'
import type { Authenticator } from '../../src/auth/authenticator.js'
import { bearerProtocolPrefix, bearerTokenAuthenticator, staticTokenAuthenticator } from '../../src/auth/token-authenticator.js'
import { unionAuthenticator } from '../../src/auth/union-authenticator.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import { checkChain } from '../../src/chains/check-chain.js'
import {
  type Handler,
  type Headers,
  type RawRequest,
  type Request,
  get,
  newRequest,
  parseTarget,
  put,
  recordingLogger,
  step,
  text,
} from '../../src/core/index.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import {
  authenticationDefaults,
  authenticationStep,
  unauthorizedHandler,
  withAuthentication,
} from '../../src/filters/with-authentication.js'
import { resourceInfo } from '../support/request-info.js'
import { headerValues } from '../../src/core/request.js'
import { http1Request, http2Request } from '../core/node-request.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const alice: UserInfo = { name: 'alice', uid: '1', groups: ['dev'], extra: {} }
const bearer = bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['secret', alice]])))
const info = resourceInfo('list', 'pods')
const withInfo = (req: Request): Request => put(req, requestInfoKey, info)
const reqWith = (headers: Headers, path = '/api/v1/pods'): Request => withInfo(makeRequest(path, { headers }))
const http2 = (req: Request): Request => {
  const target = parseTarget(req.url)
  if (E.isLeft(target)) throw new Error(target.left)
  return withInfo(
    newRequest({ method: req.method, target: target.right, headers: req.headers, raw: { httpVersionMajor: 2 } as unknown as RawRequest }),
  )
}

/** An inner handler that records the request it got. */
const capture = (): { seen: Request[]; handler: Handler } => {
  const seen: Request[] = []
  return { seen, handler: (req) => (seen.push(req), text(200, 'inner')) }
}
const failedMarker: Handler = () => text(499, 'failed')

const filter = suite('withAuthentication')

filter('on success puts the user and strips Authorization and front-proxy headers from the inner request', async () => {
  const { seen, handler } = capture()
  const log = recordingLogger()
  const h = withAuthentication(
    bearer,
    failedMarker,
    { ...authenticationDefaults, requestheaderUsernameHeaders: ['My-User'], requestheaderExtraHeaderPrefixes: ['My-Extra-'] },
    log,
  )(handler)
  const res = await run(
    h,
    reqWith({
      authorization: 'Bearer secret',
      'x-remote-user': 'root',
      'x-remote-uid': '0',
      'x-remote-group': 'system:masters',
      'x-remote-extra-scopes': 'all',
      'my-user': 'root',
      'my-extra-a': 'b',
      accept: 'application/json',
    }),
  )
  assert.is(statusOf(res), 200)
  assert.equal(O.map((u: UserInfo) => u.name)(get(seen[0]!, userKey)), O.some('alice'))
  assert.equal(seen[0]!.headers, { accept: 'application/json' })
  assert.equal(log.entries, [])
})

filter('strips every line of a repeated identity header of a node request (HTTP/1.1 and HTTP/2)', async () => {
  const lines = [
    ['Authorization', 'Bearer secret'],
    ['Authorization', 'Bearer other'],
    ['X-Remote-Group', 'system:masters'],
    ['x-remote-group', 'g2'],
    ['X-Remote-Extra-Scopes', 'a'],
    ['X-Remote-Extra-Scopes', 'b'],
    ['Accept', '*/*'],
  ] as const
  for (const node of [
    http1Request(lines, '/api/v1/pods'),
    http2Request(
      lines.map(([n, v]) => [n.toLowerCase(), v] as const),
      '/api/v1/pods',
    ),
  ]) {
    const { seen, handler } = capture()
    const res = await run(withAuthentication(bearer, failedMarker, authenticationDefaults, recordingLogger())(handler), withInfo(node))
    assert.is(statusOf(res), 200)
    for (const name of ['authorization', 'x-remote-group', 'x-remote-extra-scopes']) assert.equal(headerValues(seen[0]!, name), [], name)
    assert.equal(headerValues(seen[0]!, 'accept'), ['*/*'])
  }
})

filter('passes the same headers object when nothing must be stripped', async () => {
  const { seen, handler } = capture()
  const headers = { accept: '*/*' }
  await run(
    withAuthentication(anonymousAuthenticator(), failedMarker, authenticationDefaults, recordingLogger())(handler),
    reqWith(headers),
  )
  assert.is(seen[0]!.headers, headers)
})

filter('drops the token websocket subprotocol and keeps the others', async () => {
  const { seen, handler } = capture()
  await run(
    withAuthentication(anonymousAuthenticator(), failedMarker, authenticationDefaults, recordingLogger())(handler),
    reqWith({ 'sec-websocket-protocol': `${bearerProtocolPrefix}abc, v4.channel.k8s.io` }),
  )
  assert.equal(seen[0]!.headers, { 'sec-websocket-protocol': 'v4.channel.k8s.io' })
})

filter('a refused credential calls the failed handler and logs the reason, which never reaches the client', async () => {
  const { seen, handler } = capture()
  const log = recordingLogger()
  const res = await run(
    withAuthentication(bearer, failedMarker, authenticationDefaults, log)(handler),
    reqWith({ authorization: 'Bearer wrong' }),
  )
  assert.equal([statusOf(res), await bodyText(res), seen.length], [499, 'failed', 0])
  assert.equal(log.entries, [
    {
      level: 'error',
      msg: 'unable to authenticate the request',
      fields: { authenticator: 'bearer-token', reason: 'invalid bearer token' },
    },
  ])
})

filter('no opinion calls the failed handler without logging', async () => {
  const log = recordingLogger()
  const res = await run(withAuthentication(bearer, failedMarker, authenticationDefaults, log)(capture().handler), reqWith({}))
  assert.equal([statusOf(res), log.entries.length], [499, 0])
})

filter('apiAudiences: a response with other audiences fails; none or a common one passes', async () => {
  const withAud =
    (audiences: string[]): Authenticator =>
    () =>
      E.right(O.some({ user: alice, audiences }))
  const cfg = { ...authenticationDefaults, apiAudiences: ['api', 'kube'] }
  const status = async (aud: string[]) =>
    statusOf(await run(withAuthentication(withAud(aud), failedMarker, cfg, recordingLogger())(capture().handler), reqWith({})))
  assert.equal([await status(['other']), await status([]), await status(['x', 'kube'])], [499, 200, 200])
  const log = recordingLogger()
  await run(withAuthentication(withAud(['a', 'b']), failedMarker, cfg, log)(capture().handler), reqWith({}))
  assert.is(log.entries[0]?.msg, 'unable to match the audience: [a b] , accepted: [api kube]')
})

filter('an anonymous user over HTTP/2 gets Connection: close; an authenticated one does not', async () => {
  const anon = await run(
    withAuthentication(anonymousAuthenticator(), failedMarker, authenticationDefaults, recordingLogger())(capture().handler),
    http2(makeRequest('/')),
  )
  assert.is(anon.headers['connection'], 'close')
  const authed = await run(
    withAuthentication(bearer, failedMarker, authenticationDefaults, recordingLogger())(capture().handler),
    http2(makeRequest('/', { headers: { authorization: 'Bearer secret' } })),
  )
  assert.is(authed.headers['connection'], undefined)
  const h1 = await run(
    withAuthentication(anonymousAuthenticator(), failedMarker, authenticationDefaults, recordingLogger())(capture().handler),
    reqWith({}),
  )
  assert.is(h1.headers['connection'], undefined)
})

filter('property: no request that reaches the inner handler carries an Authorization header', async () => {
  const auth = unionAuthenticator([bearer, anonymousAuthenticator()])
  const { seen, handler } = capture()
  const h = withAuthentication(auth, failedMarker, authenticationDefaults, recordingLogger())(handler)
  const headerName = fc.constantFrom('authorization', 'x-remote-user', 'x-remote-extra-a', 'accept', 'x-custom')
  const headerValue = fc.oneof(fc.constant('Bearer secret'), fc.constant('bearer  secret'), fc.string())
  await fc.assert(
    fc.asyncProperty(fc.dictionary(headerName, headerValue), async (headers) => {
      seen.length = 0
      await run(h, reqWith(headers))
      for (const r of seen) {
        assert.not.ok('authorization' in r.headers)
        assert.not.ok('x-remote-user' in r.headers || 'x-remote-extra-a' in r.headers)
      }
    }),
    { numRuns: 200 },
  )
})

const unauthorized = suite('unauthorizedHandler')
const body401 =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n'

unauthorized("answers upstream's exact 401 Status, without WWW-Authenticate", async () => {
  const res = await run(unauthorizedHandler(recordingLogger()), reqWith({}))
  assert.equal([statusOf(res), await bodyText(res)], [401, body401])
  assert.equal(res.headers, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' })
})

unauthorized('closes HTTP/2 connections of unauthenticated clients', async () => {
  const res = await run(unauthorizedHandler(recordingLogger()), http2(makeRequest('/')))
  assert.equal([statusOf(res), res.headers['connection'], await bodyText(res)], [401, 'close', body401])
})

unauthorized("without RequestInfo answers upstream's 500 text", async () => {
  const res = await run(unauthorizedHandler(recordingLogger()), makeRequest('/x'))
  assert.equal([statusOf(res), await bodyText(res)], [500, 'Internal Server Error: "/x": no RequestInfo found in the context\n'])
})

unauthorized('end to end: a bad token through the filter gets the 401 body', async () => {
  const log = recordingLogger()
  const res = await run(
    withAuthentication(bearer, unauthorizedHandler(log), authenticationDefaults, log)(capture().handler),
    reqWith({ authorization: 'Bearer nope' }),
  )
  assert.equal([statusOf(res), await bodyText(res)], [401, body401])
  assert.not.match(await bodyText(res), 'invalid bearer token')
})

const stepSuite = suite('authenticationStep')
const authStep = authenticationStep(bearer, unauthorizedHandler(recordingLogger()), authenticationDefaults, recordingLogger())
const s = (name: string, provides: string[] = []) => step(name, (n) => n, { provides })

stepSuite('is named authentication, needs RequestInfo and provides User', () => {
  assert.equal([authStep.name, authStep.needs, authStep.provides], ['authentication', ['RequestInfo'], ['User']])
})

stepSuite('checkChain accepts it inside cors and outside audit, impersonation, max-in-flight and authorization', () => {
  const chain = [
    s('request-info', ['RequestInfo']),
    s('cors'),
    authStep,
    s('audit'),
    s('impersonation'),
    s('max-in-flight'),
    s('authorization'),
  ]
  assert.ok(E.isRight(checkChain(chain)))
  assert.ok(E.isRight(checkChain([s('request-info', ['RequestInfo']), authStep])))
})

stepSuite('checkChain rejects it inside authorization or audit, or outside cors', () => {
  const ri = s('request-info', ['RequestInfo'])
  for (const chain of [
    [ri, s('authorization'), authStep],
    [ri, s('audit'), authStep],
    [ri, authStep, s('cors')],
  ]) {
    assert.ok(E.isLeft(checkChain(chain)), chain.map((x) => x.name).join(','))
  }
})

filter.run()
unauthorized.run()
stepSuite.run()
