import { type ClientHttp2Session, constants } from 'node:http2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Authenticator,
  type UserInfo,
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  bootstrapPolicy,
  nonResourceURLMatches,
  rbacAuthorizer,
  staticTokenAuthenticator,
  unionAuthenticator,
} from '../../src/auth/index.js'
import { secureChain } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import { type Clock, type Deps, type FakeClock, defaultDeps, fakeClock, recordingLogger, silentLogger } from '../../src/core/index.js'
import { listedPaths } from '../../src/director/path-mux.js'
import type { GenericServer } from '../../src/lifecycle/generic-server.js'
import { installProfiling } from '../../src/lifecycle/install-profiling.js'
import { type OpenInspector, openInspector } from '../../src/lifecycle/profiling/inspector-session.js'
import { type ProfilingDeps, profilingDefaults, v8HeapSnapshot } from '../../src/lifecycle/profiling/profiling-options.js'
import { startSecure, tlsSession2 } from '../support/secure-server.js'
import { bodyText, makeRequest, statusOf } from '../support/request.js'
import { leftMessage, right, server } from './fixtures.js'
import { fakeInspector, untilWaiting } from './profiling/fake-inspector.js'

const masters: UserInfo = { name: 'alice', uid: '1', groups: ['system:masters'], extra: {} }
const plain: UserInfo = { name: 'bob', uid: '2', groups: [], extra: {} }
const authenticator: Authenticator = unionAuthenticator(
  [
    authenticatedGroupAdder(
      bearerTokenAuthenticator(
        staticTokenAuthenticator(
          new Map([
            ['alice-token', masters],
            ['bob-token', plain],
          ]),
        ),
      ),
    ),
    anonymousAuthenticator(),
  ],
  { failOnError: true },
)
const parts = { authenticator, authorizer: rbacAuthorizer(bootstrapPolicy) }

const profilingDeps = (clock: Clock, open: OpenInspector = openInspector): ProfilingDeps => ({
  clock,
  openInspector: open,
  heapSnapshot: v8HeapSnapshot,
  log: silentLogger,
})

/** A server behind the secure chain (RBAC with the bootstrap policy) with profiling installed. */
const profiled = (deps: Deps, profiling: ProfilingDeps): GenericServer => {
  const cfg = right(newConfig({}))
  const s = server({
    name: 'kubechain',
    deps,
    buildHandlerChain: (ctx) => secureChain(ctx, cfg, parts, { httpLogging: { enabled: false } }),
  })
  return right(installProfiling(s, profilingDefaults, profiling))
}

const install = suite('installProfiling')

install("adds upstream's routes unlisted, and a second install is refused by the mux", () => {
  const s = server({ name: 'kubechain' })
  const before = listedPaths(s.handler.mux.get())
  const installed = right(installProfiling(s, profilingDefaults, profilingDeps(fakeClock())))
  const routes = [...installed.handler.mux.get().routes.keys()]
  for (const path of ['/debug/pprof', '/debug/pprof/', '/debug/pprof/profile']) assert.ok(routes.includes(path), path)
  assert.equal(listedPaths(installed.handler.mux.get()), before)
  assert.is(leftMessage(installProfiling(installed)), 'duplicate path registration of "/debug/pprof"')
})

install('says once that contention profiling changes nothing, and only when asked for', () => {
  const rec = recordingLogger()
  const deps = { ...profilingDeps(fakeClock()), log: rec.log }
  right(installProfiling(server({ name: 'a' }), profilingDefaults, deps))
  assert.equal(rec.entries, [])
  right(installProfiling(server({ name: 'b' }), { ...profilingDefaults, contentionProfiling: true }, deps))
  assert.equal(
    rec.entries.map((e) => e.msg),
    ['contention profiling has no node.js counterpart; --contention-profiling changes nothing'],
  )
})

install('a profile longer than the request timeout is not cut: /debug/pprof/ is long-running', async () => {
  const clock: FakeClock = fakeClock()
  const inspector = fakeInspector()
  const s = profiled({ ...defaultDeps, clock, log: silentLogger }, profilingDeps(clock, inspector.open))
  const req = makeRequest('/debug/pprof/profile?seconds=120', { headers: { authorization: 'Bearer alice-token' } })
  let status: number | undefined
  void Promise.resolve(s.handler.fullHandlerChain(req)).then((r) => (status = statusOf(r)))
  await untilWaiting(clock)
  clock.advance(61_000)
  await new Promise((r) => setImmediate(r))
  assert.is(status, undefined)
  clock.advance(59_000)
  for (let i = 0; i < 100 && status === undefined; i++) await new Promise((r) => setImmediate(r))
  assert.is(status, 200)
})

install('in memory, a user outside system:masters is forbidden every profiling path', async () => {
  const inspector = fakeInspector()
  const s = profiled({ ...defaultDeps, log: silentLogger }, profilingDeps(fakeClock(), inspector.open))
  for (const path of ['/debug/pprof', '/debug/pprof/', '/debug/pprof/profile', '/debug/pprof/heap']) {
    const res = await s.handler.fullHandlerChain(makeRequest(path, { headers: { authorization: 'Bearer bob-token' } }))
    assert.is(statusOf(res), 403, path)
    assert.ok((await bodyText(res)).includes(`forbidden: User \\"bob\\" cannot get path \\"${path}\\"`), path)
  }
  assert.equal(inspector.calls, [])
})

install('the bootstrap policy grants /debug/pprof/ paths through cluster-admin alone, bound to system:masters alone', () => {
  const paths = ['/debug/pprof', '/debug/pprof/', '/debug/pprof/profile', '/debug/pprof/heap']
  const granting = bootstrapPolicy.clusterRoles
    .filter((r) => (r.rules ?? []).some((rule) => paths.some((p) => nonResourceURLMatches(rule, p))))
    .map((r) => r.metadata.name)
  assert.equal(granting, ['cluster-admin'])
  const bound = bootstrapPolicy.clusterRoleBindings
    .filter((b) => b.roleRef.name === 'cluster-admin')
    .flatMap((b) => (b.subjects ?? []).map((x) => x.name))
  assert.equal(bound, ['system:masters'])
})

install.run()

/** What an HTTP/2 request read back: status, headers, body. */
interface Got {
  readonly status: number
  readonly headers: Readonly<Record<string, unknown>>
  readonly body: Buffer
}

const get = (session: ClientHttp2Session, path: string, token?: string): Promise<Got> =>
  new Promise((resolve, reject) => {
    const stream = session.request(
      { ':path': path, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      { endStream: true },
    )
    const chunks: Buffer[] = []
    let headers: Record<string, unknown> = {}
    stream.on('response', (h) => (headers = h))
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('error', reject)
    stream.on('end', () => resolve({ status: Number(headers[':status']), headers, body: Buffer.concat(chunks) }))
  })

const wire = suite('profiling over the wire (secure chain, RBAC bootstrap policy)')

wire('403 for a normal user and for anonymous; 200 and a .cpuprofile for system:masters', async () => {
  const clock = fakeClock()
  const s = profiled({ ...defaultDeps, log: silentLogger }, profilingDeps(clock))
  const srv = await startSecure(s.handler.fullHandlerChain)
  const session = tlsSession2(srv.port)
  try {
    assert.is((await get(session, '/debug/pprof/profile?seconds=1', 'bob-token')).status, 403)
    assert.is((await get(session, '/debug/pprof/heap', 'bob-token')).status, 403)
    // upstream ends an anonymous HTTP/2 connection after one request (GOAWAY): one session each
    for (const path of ['/debug/pprof/profile?seconds=1', '/debug/pprof/heap']) {
      const anonymous = tlsSession2(srv.port)
      assert.is((await get(anonymous, path)).status, 403, path)
      anonymous.destroy()
    }
    const answer = get(session, '/debug/pprof/profile?seconds=1', 'alice-token')
    await untilWaiting(clock)
    clock.advance(1000)
    const got = await answer
    assert.is(got.status, 200)
    assert.is(got.headers['content-disposition'], 'attachment; filename="profile.cpuprofile"')
    const profile = JSON.parse(got.body.toString('utf8')) as { nodes: unknown[]; samples: unknown[]; startTime: number; endTime: number }
    assert.ok(profile.nodes.length > 0 && Array.isArray(profile.samples) && profile.endTime >= profile.startTime)
  } finally {
    session.destroy()
    await srv.stop()
  }
})

wire('system:masters gets a streamed heap snapshot', async () => {
  const s = profiled({ ...defaultDeps, log: silentLogger }, profilingDeps(fakeClock()))
  const srv = await startSecure(s.handler.fullHandlerChain)
  const session = tlsSession2(srv.port)
  try {
    const first = await new Promise<string>((resolve, reject) => {
      const stream = session.request({ ':path': '/debug/pprof/heap', authorization: 'Bearer alice-token' })
      stream.once('data', (c: Buffer) => resolve(c.toString('utf8')))
      stream.on('error', reject)
    })
    assert.ok(first.startsWith('{"snapshot":{"meta":'), first.slice(0, 40))
  } finally {
    session.destroy()
    await srv.stop()
  }
})

wire('a client that cancels its request stops the profiler and frees it for the next profile', async () => {
  const clock = fakeClock()
  const inspector = fakeInspector()
  const s = profiled({ ...defaultDeps, log: silentLogger }, profilingDeps(clock, inspector.open))
  const srv = await startSecure(s.handler.fullHandlerChain)
  try {
    const gone = tlsSession2(srv.port)
    const request = gone.request({ ':path': '/debug/pprof/profile?seconds=300', authorization: 'Bearer alice-token' }, { endStream: true })
    request.on('error', () => undefined)
    await untilWaiting(clock)
    request.close(constants.NGHTTP2_CANCEL)
    for (let i = 0; i < 2000 && !inspector.calls.includes('disconnect'); i++) await new Promise((r) => setImmediate(r))
    assert.equal(inspector.calls, ['Profiler.enable', 'Profiler.start', 'Profiler.stop', 'disconnect'])
    assert.is(clock.pending(), 0)
    gone.destroy()
    const session = tlsSession2(srv.port)
    const next = get(session, '/debug/pprof/profile?seconds=1', 'alice-token')
    await untilWaiting(clock)
    clock.advance(1000)
    assert.is((await next).status, 200)
    session.destroy()
  } finally {
    await srv.stop()
  }
})

wire.run()
