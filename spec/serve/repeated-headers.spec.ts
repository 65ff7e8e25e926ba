// Repeated request header lines reach the impersonation filter and the front-proxy authenticator as
// separate values, over real HTTP/1.1 and HTTP/2 connections (TLS with ALPN, client certificates).
import { X509Certificate } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'
import { request as https } from 'node:https'
import { type ClientHttp2Session, type Http2SecureServer, connect, createSecureServer } from 'node:http2'
import type { AddressInfo, Socket } from 'node:net'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Authorizer } from '../../src/auth/authorizer.js'
import { requestHeaderAuthenticator, requestHeaderDefaults } from '../../src/auth/request-header-authenticator.js'
import { bearerTokenAuthenticator, staticTokenAuthenticator } from '../../src/auth/token-authenticator.js'
import { unionAuthenticator } from '../../src/auth/union-authenticator.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import { type Handler, fakeClock, get, header, headerValues, json, recordingLogger, text } from '../../src/core/index.js'
import { authenticationDefaults, withAuthentication } from '../../src/filters/with-authentication.js'
import { withImpersonation } from '../../src/filters/with-impersonation.js'
import { newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { toNodeListener } from '../../src/serve/index.js'
import { within } from '../support/http-client.js'

const ca = newCertificateAuthority('repeated-headers-ca')
const serverPair = newSignedCertificate(ca, { commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], usage: 'server' })
const proxy = newSignedCertificate(ca, { commonName: 'front-proxy', usage: 'client' })
const dev: UserInfo = { name: 'dev', uid: '', groups: ['devs'], extra: {} }

/** Every header the inner handler could still see after authentication and impersonation. */
const identityHeaders = [
  'authorization',
  'impersonate-user',
  'impersonate-group',
  'impersonate-uid',
  'impersonate-extra-scopes',
  'x-remote-user',
  'x-remote-group',
  'x-remote-extra-scopes',
]

interface Ctx {
  server: Http2SecureServer
  port: number
  sockets: Set<Socket>
  checks: string[]
}

const spec = suite<Ctx>('repeated request headers end to end', {
  server: undefined as unknown as Http2SecureServer,
  port: 0,
  sockets: new Set(),
  checks: [],
})

spec.before(async (ctx) => {
  const log = recordingLogger()
  const authorizer: Authorizer = (a) => (ctx.checks.push(`${a.resource}:${a.name}`), { decision: 'Allow', reason: '' })
  const inner: Handler = (req) =>
    json(200, {
      version: req.raw?.httpVersionMajor,
      probe: [header(req, 'x-probe'), headerValues(req, 'x-probe')],
      user: O.toUndefined(get(req, userKey)),
      left: identityHeaders.filter((n) => headerValues(req, n).length > 0),
    })
  const authn = unionAuthenticator([
    requestHeaderAuthenticator(requestHeaderDefaults, () => ({ certificates: [new X509Certificate(ca.certPem)] }), fakeClock(Date.now())),
    bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['dev-token', dev]]))),
  ])
  const chain = withAuthentication(
    authn,
    () => text(401, 'unauthorized'),
    authenticationDefaults,
    log,
  )(withImpersonation(authorizer, log)(inner))
  ctx.server = createSecureServer(
    { key: serverPair.keyPem, cert: serverPair.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false, allowHTTP1: true },
    toNodeListener(chain),
  )
  ctx.server.on('connection', (s: Socket) => (ctx.sockets.add(s), s.once('close', () => ctx.sockets.delete(s))))
  await new Promise<void>((resolve) => ctx.server.listen(0, '127.0.0.1', resolve))
  ctx.port = (ctx.server.address() as AddressInfo).port
})

spec.before.each((ctx) => void (ctx.checks = []))

spec.after(
  (ctx) =>
    new Promise<void>((resolve) => {
      ctx.server.close(() => resolve())
      for (const s of ctx.sockets) s.destroy()
    }),
)

/** What the inner handler answered. */
interface Seen {
  readonly status: number
  readonly body: { readonly version?: number; readonly probe?: unknown; readonly user?: UserInfo; readonly left?: string[] }
}

const tls = (withCert: boolean) => ({ ca: ca.certPem, ...(withCert ? { cert: proxy.certPem, key: proxy.keyPem } : {}) })

/** One HTTP/1.1 request on a fresh TLS connection; array values go out as separate header lines. */
const ask1 = (port: number, headers: OutgoingHttpHeaders, withCert: boolean): Promise<Seen> =>
  new Promise((resolve, reject) => {
    const req = https({ host: '127.0.0.1', port, path: '/api/v1/pods', headers, agent: false, ...tls(withCert) }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as Seen['body'] }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })

/** One HTTP/2 request on a fresh session; array values go out as separate header fields. */
const ask2 = (port: number, headers: OutgoingHttpHeaders, withCert: boolean): Promise<Seen> =>
  new Promise((resolve, reject) => {
    const session: ClientHttp2Session = connect(`https://127.0.0.1:${port}`, tls(withCert))
    session.on('error', reject)
    const stream = session.request({ ':path': '/api/v1/pods', ...headers })
    let status = 0
    let body = ''
    stream.setEncoding('utf8')
    stream.on('response', (h) => (status = Number(h[':status'])))
    stream.on('data', (c: string) => (body += c))
    stream.on('error', reject)
    stream.on('end', () => {
      session.close()
      resolve({ status, body: JSON.parse(body) as Seen['body'] })
    })
    stream.end()
  })

const protocols = [
  ['HTTP/1.1', 1, ask1],
  ['HTTP/2', 2, ask2],
] as const

for (const [protocol, major, ask] of protocols) {
  spec(`${protocol}: node joins repeated lines in its header object; headerValues keeps them apart`, async (ctx) => {
    const seen = await within(
      ask(ctx.port, { authorization: 'Bearer dev-token', 'x-probe': ['p1', 'p2'] }, false),
      3000,
      `an ${protocol} answer`,
    )
    assert.equal([seen.status, seen.body.version], [200, major])
    assert.equal(seen.body.probe, ['p1, p2', ['p1', 'p2']])
  })

  spec(
    `${protocol}: repeated Impersonate-* lines behind a bearer token are separate groups and extras, the first user and uid line win`,
    async (ctx) => {
      const headers = {
        authorization: 'Bearer dev-token',
        'impersonate-user': ['u1', 'u2'],
        'impersonate-group': ['g1', 'g2'],
        'impersonate-extra-scopes': ['view', 'edit'],
        'impersonate-uid': ['id1', 'id2'],
      }
      const seen = await within(ask(ctx.port, headers, false), 3000, `an ${protocol} answer`)
      assert.equal([seen.status, seen.body.version], [200, major])
      assert.equal(seen.body.user, {
        name: 'u1',
        uid: 'id1',
        groups: ['g1', 'g2', 'system:authenticated'],
        extra: { scopes: ['view', 'edit'] },
      })
      assert.equal(ctx.checks, ['users:u1', 'groups:g1', 'groups:g2', 'userextras:view', 'userextras:edit', 'uids:id1'])
      assert.equal(seen.body.left, [])
    },
  )

  spec(
    `${protocol}: repeated X-Remote-* lines from a verified front proxy are separate groups and extras, the first user line wins`,
    async (ctx) => {
      const headers = { 'x-remote-user': ['bob', 'eve'], 'x-remote-group': ['g1', 'g2'], 'x-remote-extra-scopes': ['view', 'edit'] }
      const seen = await within(ask(ctx.port, headers, true), 3000, `an ${protocol} answer`)
      assert.equal([seen.status, seen.body.version], [200, major])
      assert.equal(seen.body.user, { name: 'bob', uid: '', groups: ['g1', 'g2'], extra: { scopes: ['view', 'edit'] } })
      assert.equal(seen.body.left, [])
    },
  )
}

spec.run()
