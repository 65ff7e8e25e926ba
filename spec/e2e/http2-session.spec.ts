// End to end: HTTP/2 sessions to `kubechain serve` stay open for an authenticated client (kubectl,
// client-go), and end after one answer for an anonymous one, as upstream's UnauthenticatedHTTP2DOSMitigation.
import * as fs from 'node:fs'
import { type ClientHttp2Session, connect } from 'node:http2'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { within } from '../support/http-client.js'
import { type Child, startServe, stopChild } from '../support/serve-child.js'

interface Ctx {
  child: Child | undefined
  dir: string
}

const test = suite<Ctx>('kubechain serve: HTTP/2 sessions')

test.before(async (ctx) => {
  ctx.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-h2-'))
  try {
    ctx.child = await startServe(ctx.dir, [])
  } catch (e) {
    console.error('could not start kubechain serve:', e) // uvu hides errors thrown from hooks
    throw e
  }
})

test.after(async (ctx) => {
  await stopChild(ctx.child)
  fs.rmSync(ctx.dir, { recursive: true, force: true })
})

/** One GET on `session`; resolves with its status. */
const get = (session: ClientHttp2Session, p: string, token?: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = session.request({ ':path': p, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) })
    let status = 0
    s.on('response', (h) => (status = Number(h[':status'])))
    s.on('error', reject)
    s.resume()
    s.on('end', () => resolve(status))
  })

const open = (ctx: Ctx): { session: ClientHttp2Session; goaways: number[] } => {
  const session = connect((ctx.child as Child).url.href, { rejectUnauthorized: false })
  const goaways: number[] = []
  session.on('goaway', (code) => goaways.push(code))
  session.on('error', () => undefined)
  return { session, goaways }
}

test('an authenticated client keeps one session for 100 sequential and 100 concurrent requests', async (ctx) => {
  const token = ctx.child?.token as string
  const { session, goaways } = open(ctx)
  let sockets = 0
  session.on('connect', () => (sockets += 1))
  try {
    for (let i = 0; i < 100; i++)
      assert.is(await within(get(session, i % 2 === 0 ? '/livez' : '/version', token), 5000, `request ${i}`), 200)
    const statuses = await within(
      Promise.all(Array.from({ length: 100 }, () => get(session, '/api/v1/namespaces/default/configmaps', token))),
      10_000,
      'concurrent requests',
    )
    assert.equal([...new Set(statuses)], [200])
    assert.equal([sockets, goaways, session.closed], [1, [], false], 'one connection throughout, no GOAWAY')
  } finally {
    session.destroy()
  }
})

test('an anonymous client gets its answer, then GOAWAY (NO_ERROR): a new connection per request, as upstream', async (ctx) => {
  const { session, goaways } = open(ctx)
  try {
    assert.is(await within(get(session, '/livez'), 5000, 'the anonymous answer'), 200)
    await within(new Promise<void>((r) => (session.closed ? r() : session.once('close', () => r()))), 5000, 'the session ends')
    assert.equal(goaways, [0])
  } finally {
    session.destroy()
  }
})

test.run()
