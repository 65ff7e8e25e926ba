// End to end: `kubechain serve` as a child process on loopback, driven by node https and ws clients.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import { Agent, request } from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import WebSocket from 'ws'
import { within } from '../support/http-client.js'
import { type Child, startServe, stopChild } from '../support/serve-child.js'

/** What an https call read back. */
interface Reply {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** Options of one https call. */
interface Call {
  readonly method?: string
  readonly token?: string
  readonly auditId?: string
  readonly body?: string
  readonly agent?: Agent | false
}

/** One HTTPS/1.1 request to the child; rejects with the socket error (its `code`) when no response came. */
const call = (url: URL, p: string, o: Call = {}): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = {}
    if (o.token !== undefined) headers['authorization'] = `Bearer ${o.token}`
    if (o.auditId !== undefined) headers['audit-id'] = o.auditId
    if (o.body !== undefined) headers['content-type'] = 'application/json'
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: p,
        method: o.method ?? 'GET',
        headers,
        agent: o.agent ?? false,
        rejectUnauthorized: false,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('error', reject)
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.setTimeout(5_000, () => req.destroy(new Error('client timeout')))
    req.on('error', reject)
    req.end(o.body)
  })

const errorCode = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e))

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Polls `/readyz?verbose` until it answers `status`; bounded. */
const readyzUntil = async (url: URL, status: number, ms: number): Promise<Reply> => {
  const deadline = Date.now() + ms
  for (;;) {
    const r = await call(url, '/readyz?verbose')
    if (r.status === status || Date.now() > deadline) return r
    await sleep(20)
  }
}

const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-serve-e2e-'))

/** One load loop's record: replies by audit ID, and the IDs of requests that got no response, with why. */
interface LoadRecord {
  readonly replies: Array<{ id: string; status: number; echoedId: unknown; at: number }>
  readonly failures: Array<{ id: string; code: string }>
}

/**
 * Sends authenticated lists on a keep-alive agent, a unique Audit-ID each, a short pause between them,
 * until a fresh connection is refused (the listener closed) or `until` passes.
 */
const loadLoop = async (url: URL, token: string, n: number, until: number, rec: LoadRecord): Promise<void> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false })
  try {
    for (let i = 0; Date.now() < until; i++) {
      const id = `e2e-load-${n}-${i}`
      try {
        const r = await call(url, '/api/v1/namespaces/default/configmaps', { token, auditId: id, agent })
        rec.replies.push({ id, status: r.status, echoedId: r.headers['audit-id'], at: Date.now() })
      } catch (e) {
        rec.failures.push({ id, code: errorCode(e) })
        if (errorCode(e) === 'ECONNREFUSED') return
      }
      await sleep(4)
    }
  } finally {
    agent.destroy()
  }
}

/** Audit events of the log, as auditID to the stages logged for it. */
const auditStages = (file: string): Map<string, Set<string>> => {
  const stages = new Map<string, Set<string>>()
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue
    const ev = JSON.parse(line) as { auditID: string; stage: string }
    const set = stages.get(ev.auditID) ?? new Set<string>()
    set.add(ev.stage)
    stages.set(ev.auditID, set)
  }
  return stages
}

const serve = suite('kubechain serve (child process)')

serve(
  'SIGTERM under load: readyz red at once, 200s through the delay, listener closes, nothing admitted fails, audit complete, exit 0',
  async () => {
    const dir = tmpDir()
    let child: Child | undefined
    try {
      const auditLog = path.join(dir, 'audit.log')
      fs.writeFileSync(path.join(dir, 'policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n')
      child = await startServe(dir, [
        '--shutdown-delay-duration=2s',
        `--audit-log-path=${auditLog}`,
        `--audit-policy-file=${path.join(dir, 'policy.yaml')}`,
        '--audit-log-mode=batch',
      ])
      const c = child
      const token = c.token ?? ''
      assert.match(token, /^[0-9a-f]{64}$/, 'the banner prints a generated admin token')
      const recs: LoadRecord[] = Array.from({ length: 4 }, () => ({ replies: [], failures: [] }))
      const loops = Promise.all(recs.map((rec, n) => loadLoop(c.url, token, n, Date.now() + 10_000, rec)))
      await sleep(400)
      assert.ok(
        recs.every((r) => r.replies.length > 0),
        'every loop was served before SIGTERM',
      )
      const sigtermAt = Date.now()
      c.proc.kill('SIGTERM')
      const red = await readyzUntil(c.url, 500, 1_000)
      const redAfter = Date.now() - sigtermAt
      assert.is(red.status, 500)
      assert.match(red.body, '[-]shutdown failed')
      assert.ok(redAfter < 1_000, `readyz turned red ${redAfter} ms after SIGTERM`)
      await within(loops, 9_000, 'the load loops to see the listener closed')
      const exit = await within(c.exited, 8_000, 'the process to exit')
      const replies = recs.flatMap((r) => r.replies)
      const failures = recs.flatMap((r) => r.failures)
      const lastOkAt = Math.min(...recs.map((r) => r.replies[r.replies.length - 1]?.at ?? 0))
      assert.equal(exit, { code: 0, signal: null }, c.stderr())
      assert.equal(
        replies.filter((r) => r.status !== 200),
        [],
        'a request that got a response got 200',
      )
      assert.ok(
        recs.every((r) => r.failures.some((f) => f.code === 'ECONNREFUSED')),
        'every loop ended on a refused connection',
      )
      assert.ok(replies.filter((r) => r.at - sigtermAt > 1_500).length > 0, 'requests kept succeeding late in the 2 s delay')
      assert.ok(lastOkAt - sigtermAt >= 1_500, `the listener stayed open through the delay (last 200 at ${lastOkAt - sigtermAt} ms)`)
      assert.equal(
        replies.filter((r) => r.echoedId !== r.id),
        [],
        'each reply carries its request Audit-ID',
      )
      const stages = auditStages(auditLog)
      const incomplete = replies.filter((r) => !(stages.get(r.id)?.has('ResponseComplete') ?? false))
      assert.equal(
        incomplete.map((r) => r.id),
        [],
        'every 200 has its ResponseComplete audit event',
      )
      const admittedFailures = failures.filter((f) => stages.has(f.id))
      assert.equal(admittedFailures, [], 'a request without a response was never admitted (no audit event)')
    } finally {
      await stopChild(child)
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
)

serve('a second SIGTERM exits 1 at once, long before the 10 s shutdown delay', async () => {
  const dir = tmpDir()
  let child: Child | undefined
  try {
    child = await startServe(dir, ['--shutdown-delay-duration=10s'])
    child.proc.kill('SIGTERM')
    const red = await readyzUntil(child.url, 500, 2_000)
    assert.is(red.status, 500, 'the first SIGTERM began the shutdown')
    const secondAt = Date.now()
    child.proc.kill('SIGTERM')
    const exit = await within(child.exited, 3_000, 'the exit after a second signal')
    assert.equal(exit, { code: 1, signal: null })
    assert.ok(Date.now() - secondAt < 3_000)
  } finally {
    await stopChild(child)
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

const configMap = (name: string, color: string): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { color } })

/** Opens a websocket watch; resolves with the socket once open, or with the status of a refused upgrade. */
const openWatch = (url: URL, token: string | undefined): Promise<WebSocket | number> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` }
    const ws = new WebSocket(`wss://${url.host}/api/v1/namespaces/default/configmaps?watch=1`, { headers, rejectUnauthorized: false })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      res.resume()
      ws.terminate()
    })
    ws.once('error', reject)
  })

/** Resolves with the first websocket message whose event `matches`; every message must parse as an event. */
const nextEvent = (ws: WebSocket, matches: (e: { type: string; object: { metadata: { name: string } } }) => boolean) =>
  new Promise<{ type: string; object: { metadata: { name: string }; data?: Record<string, string> } }>((resolve, reject) => {
    ws.on('message', (data) => {
      try {
        const ev = JSON.parse(String(data)) as { type: string; object: { metadata: { name: string } } }
        if (matches(ev)) resolve(ev)
      } catch (e) {
        reject(e)
      }
    })
  })

serve(
  "a new user's path: readyz, the printed token creates, lists and gets ConfigMaps, anonymous is forbidden, websocket watch",
  async () => {
    const dir = tmpDir()
    let child: Child | undefined
    let ws: WebSocket | undefined
    try {
      child = await startServe(dir, [])
      const { url } = child
      const token = child.token ?? ''
      assert.match(token, /^[0-9a-f]{64}$/, 'the banner prints a generated admin token')
      const ready = await call(url, '/readyz?verbose')
      assert.is(ready.status, 200)
      assert.match(ready.body, '[+]shutdown ok')
      assert.match(ready.body, 'readyz check passed')
      const created = await call(url, '/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        token,
        body: configMap('e2e-settings', 'blue'),
      })
      assert.is(created.status, 201, created.body)
      const list = await call(url, '/api/v1/namespaces/default/configmaps', { token })
      assert.is(list.status, 200)
      const items = JSON.parse(list.body) as { kind: string; items: Array<{ metadata: { name: string } }> }
      assert.is(items.kind, 'ConfigMapList')
      assert.equal(
        items.items.map((i) => i.metadata.name),
        ['e2e-settings'],
      )
      const got = await call(url, '/api/v1/namespaces/default/configmaps/e2e-settings', { token })
      assert.is(got.status, 200)
      assert.equal((JSON.parse(got.body) as { data: unknown }).data, { color: 'blue' })
      const anonymous = await call(url, '/api/v1/namespaces/default/configmaps')
      assert.is(anonymous.status, 403)
      assert.match(anonymous.body, 'User \\"system:anonymous\\" cannot list resource \\"configmaps\\"')
      const refused = await within(openWatch(url, undefined), 5_000, 'the anonymous websocket answer')
      assert.is(refused, 403)
      const opened = await within(openWatch(url, token), 5_000, 'the websocket watch to open')
      assert.ok(opened instanceof WebSocket, `the websocket watch opened (got ${String(opened)})`)
      ws = opened as WebSocket
      const added = nextEvent(ws, (e) => e.object.metadata.name === 'e2e-watched')
      const posted = await call(url, '/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        token,
        body: configMap('e2e-watched', 'green'),
      })
      assert.is(posted.status, 201)
      const ev = await within(added, 5_000, 'the ADDED event over the websocket')
      assert.is(ev.type, 'ADDED')
      assert.equal(ev.object.data, { color: 'green' })
    } finally {
      ws?.terminate()
      await stopChild(child)
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
)

serve.run()
