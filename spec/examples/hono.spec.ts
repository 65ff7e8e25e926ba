// The Hono example both ways round: served by @hono/node-server on port 0, and called in memory with Hono's `app.request`.
import { ask } from '../support/http-client.js'
import { Hono } from 'hono'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { honoInFront, secureApi, startSecure } from '../../examples/hono.js'
import type { Running } from '../../examples/listen.js'

const auth = { authorization: 'Bearer s3cret' }

interface Reply {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** One request on a fresh connection. */
const send = async (port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> => {
  const r = await ask(port, path, { method, headers, body })
  return { status: r.status, headers: r.headers, body: r.body.toString('utf8') }
}

const served = suite('hono example: the secure chain in front of a Hono app, served by @hono/node-server')
let running: Running | undefined
served.before(async () => void (running = await startSecure(0)))
served.after(async () => running?.close())

served('GET: the app’s route reads the authenticated user and the audit ID from c.env.kubechain', async () => {
  const res = await send(running!.port, 'GET', '/whoami', auth)
  assert.is(res.status, 200)
  const body = JSON.parse(res.body) as { user: string; groups: string[]; auditId: string }
  assert.is(body.user, 'admin')
  assert.ok(body.groups.includes('system:masters'))
  assert.is(body.auditId, res.headers['audit-id'])
})

served('without a token the chain answers 401 and the app is not called', async () => {
  const res = await send(running!.port, 'GET', '/whoami')
  assert.is(res.status, 401)
  assert.is((JSON.parse(res.body) as { reason: string }).reason, 'Unauthorized')
})

served('POST: the body reaches the app', async () => {
  const res = await send(running!.port, 'POST', '/echo', auth, 'hello hono')
  assert.equal([res.status, res.body], [200, 'hello hono'])
})

served('a streamed answer comes through in order', async () => {
  const res = await send(running!.port, 'GET', '/ticks', auth)
  assert.equal([res.status, res.body], [200, 'tick 1\ntick 2\ntick 3\n'])
})

served('a path the app does not know gets Hono’s 404, with the chain’s headers', async () => {
  const res = await send(running!.port, 'GET', '/nothing', auth)
  assert.is(res.status, 404)
  assert.type(res.headers['audit-id'], 'string')
})

served.run()

const inMemory = suite('hono example: Hono’s in-memory app.request')

inMemory('Hono in front: its own route, then the hello chain', async () => {
  const app = honoInFront()
  const own = await app.request('/hono')
  assert.equal([own.status, await own.text(), own.headers.get('x-served-by')], [200, 'hono route', null])
  const chained = await app.request('/')
  assert.equal([chained.status, await chained.text(), chained.headers.get('x-served-by')], [200, 'hello', 'kubechain'])
  const refused = await app.request('/', { method: 'POST' })
  assert.is(refused.status, 405)
})

inMemory('the secure chain as a fetch handler inside a Hono app: 401 without a token, the user with one', async () => {
  const kube = secureApi()
  const app = new Hono()
  app.all('*', (c) => kube(c.req.raw))
  assert.is((await app.request('/whoami')).status, 401)
  const res = await app.request('/whoami', { headers: auth })
  assert.is(res.status, 200)
  assert.is(((await res.json()) as { user: string }).user, 'admin')
  const echoed = await app.request('/echo', { method: 'POST', headers: auth, body: 'in memory' })
  assert.is(await echoed.text(), 'in memory')
})

inMemory.run()
