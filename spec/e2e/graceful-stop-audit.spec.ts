// End to end: `kubechain serve` with an audit log, stopped gracefully (SIGTERM) and hard (SIGKILL) under
// load; the log must hold one ResponseComplete per answered request.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import { Agent, request } from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import { within } from '../support/http-client.js'
import { type Child, startServe, stopChild } from '../support/serve-child.js'

const connections = 16

/**
 * Starts the CLI with a Metadata audit policy logging to `dir/audit.log`; resolves at its banner.
 * The children share `certDir`: the first makes the self-signed pair, the others read it.
 */
const startAudited = (dir: string, flags: ReadonlyArray<string>): Promise<Child> => {
  fs.writeFileSync(path.join(dir, 'policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n')
  return startServe(certDir, [
    `--audit-log-path=${path.join(dir, 'audit.log')}`,
    `--audit-policy-file=${path.join(dir, 'policy.yaml')}`,
    ...flags,
  ])
}

/** One https call's status, or the socket error's code when no response came. */
type Ended = { readonly status: number } | { readonly error: string }

const call = (url: URL, p: string, o: { token?: string; auditId?: string; agent?: Agent } = {}): Promise<Ended> =>
  new Promise((resolve) => {
    const headers: Record<string, string> = {}
    if (o.token !== undefined) headers['authorization'] = `Bearer ${o.token}`
    if (o.auditId !== undefined) headers['audit-id'] = o.auditId
    const req = request(
      { host: url.hostname, port: url.port, path: p, headers, agent: o.agent ?? false, rejectUnauthorized: false },
      (res) => {
        res.resume()
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
      },
    )
    req.setTimeout(5_000, () => req.destroy(new Error('client timeout')))
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
    req.end()
  })

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Requests sent by the load, by Audit-ID: the status answered, or the error when none came. */
type Ledger = Map<string, Ended>

/**
 * One keep-alive connection sending lists back to back, a unique Audit-ID each, authenticated with `token`
 * or anonymous without one, until a fresh connection is refused (the listener closed), `stopAt` passes,
 * or `max` requests were sent.
 */
const loadLoop = async (url: URL, token: string | undefined, n: number, stopAt: number, max: number, ledger: Ledger): Promise<void> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false })
  try {
    for (let i = 0; i < max && Date.now() < stopAt; i++) {
      const id = `load-${n}-${i}`
      const o = await call(url, '/api/v1/namespaces/default/configmaps', { ...(token === undefined ? {} : { token }), auditId: id, agent })
      ledger.set(id, o)
      if ('error' in o && o.error === 'ECONNREFUSED') return
    }
  } finally {
    agent.destroy()
  }
}

/** Polls `/readyz` until it answers other than 200 (or `ms` passed); resolves with the status seen. */
const readyzRed = async (url: URL, ms: number): Promise<Ended> => {
  const deadline = Date.now() + ms
  for (;;) {
    const o = await call(url, '/readyz')
    if (('status' in o && o.status !== 200) || Date.now() > deadline) return o
    await sleep(10)
  }
}

/** The load's audit events in the log, as `auditID` to how many of each stage, and the ResponseComplete code as `code`. */
const loggedStages = (file: string): Map<string, Record<string, number>> => {
  const stages = new Map<string, Record<string, number>>()
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  for (const line of text.split('\n')) {
    if (line === '') continue
    const ev = JSON.parse(line) as { auditID: string; stage: string; responseStatus?: { code?: number } }
    if (!ev.auditID.startsWith('load-')) continue
    const counts = stages.get(ev.auditID) ?? {}
    counts[ev.stage] = (counts[ev.stage] ?? 0) + 1
    if (ev.stage === 'ResponseComplete') counts['code'] = ev.responseStatus?.code ?? 0
    stages.set(ev.auditID, counts)
  }
  return stages
}

const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-stop-audit-'))
const certDir = tmpDir()

const Stop = suite('graceful stop with an audit log (child process)')
Stop.after(() => fs.rmSync(certDir, { recursive: true, force: true }))

// Even connections send the admin token (the handler's 200), odd ones none: RBAC's 403 for the anonymous
// user is an answer made inside the audit step other than the handler's.
const anonymous = (n: number): boolean => n % 2 === 1
const expectedStatus = (id: string): number => (anonymous(Number(id.split('-')[1])) ? 403 : 200)

for (const mode of ['blocking', 'batch']) {
  Stop(
    `${mode}: SIGTERM under ${connections}-connection load: readyz red within 1 s, every admitted request answered, exit 0, one ResponseComplete per answered request`,
    async () => {
      const dir = tmpDir()
      let child: Child | undefined
      try {
        child = await startAudited(dir, ['--shutdown-delay-duration=500ms', `--audit-log-mode=${mode}`])
        const c = child
        const ledger: Ledger = new Map()
        const loops = Promise.all(
          Array.from({ length: connections }, (_, n) =>
            loadLoop(c.url, anonymous(n) ? undefined : c.token, n, Date.now() + 8_000, 100_000, ledger),
          ),
        )
        await sleep(500)
        const sigtermAt = Date.now()
        c.proc.kill('SIGTERM')
        const red = await readyzRed(c.url, 1_000)
        const redAfter = Date.now() - sigtermAt
        await within(loops, 9_000, 'the load loops to see the listener closed')
        const exit = await within(c.exited, 8_000, 'the process to exit')
        const stages = loggedStages(path.join(dir, 'audit.log'))
        const answered = [...ledger].filter(([, o]) => 'status' in o)
        const admitted = answered.filter(([id]) => stages.has(id))
        assert.equal(exit, { code: 0, signal: null }, c.stderr())
        assert.ok('status' in red && red.status !== 200, `readyz answered ${JSON.stringify(red)} ${redAfter} ms after SIGTERM`)
        assert.ok(redAfter < 1_000, `readyz turned red ${redAfter} ms after SIGTERM`)
        assert.ok(answered.length >= connections * 5, `the load was answered ${answered.length} times`)
        assert.equal(
          admitted.filter(([id, o]) => !('status' in o) || o.status !== expectedStatus(id)),
          [],
          'an admitted request was answered 200 with the token, 403 without',
        )
        for (const status of [200, 403])
          assert.ok(
            admitted.some(([, o]) => 'status' in o && o.status === status),
            `some request was answered ${status}`,
          )
        assert.equal(
          admitted.filter(([id, o]) => 'status' in o && stages.get(id)?.['code'] !== o.status),
          [],
          'each ResponseComplete has the status the client got',
        )
        assert.equal(
          [...stages.keys()].filter((id) => !('status' in (ledger.get(id) ?? {}))),
          [],
          'every admitted request was answered',
        )
        const complete = [...stages.values()].reduce((n, s) => n + (s['ResponseComplete'] ?? 0), 0)
        assert.equal(
          admitted.filter(([id]) => stages.get(id)?.['ResponseComplete'] !== 1).map(([id]) => [id, stages.get(id)]),
          [],
          'one ResponseComplete each',
        )
        assert.is(complete, admitted.length, 'ResponseComplete events = answered admitted requests')
        const refused = answered.filter(([id]) => !stages.has(id))
        assert.equal(
          refused.filter(([, o]) => !('status' in o) || o.status !== 503),
          [],
          'an answer without audit events is the wait group 503 of a draining server (outside the audit step, as upstream)',
        )
      } finally {
        await stopChild(child)
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  )
}

// The audit step gives a complete response's ResponseComplete when the handler returns, before the
// response is written, and log batches of 1 hold nothing back: whatever a client got, a SIGKILL cannot lose.
Stop('batch: SIGKILL at low load loses no event of an answered request', async () => {
  const dir = tmpDir()
  let child: Child | undefined
  try {
    child = await startAudited(dir, ['--audit-log-mode=batch'])
    const c = child
    const ledger: Ledger = new Map()
    await loadLoop(c.url, c.token, 0, Date.now() + 5_000, 50, ledger)
    c.proc.kill('SIGKILL')
    const exit = await within(c.exited, 5_000, 'the killed process to exit')
    const stages = loggedStages(path.join(dir, 'audit.log'))
    const ids = [...ledger.keys()]
    assert.equal(exit.signal, 'SIGKILL')
    assert.equal(
      [...ledger.values()].filter((o) => !('status' in o) || o.status !== 200),
      [],
      'the 50 requests were answered 200',
    )
    assert.is(ids.length, 50)
    assert.equal(
      ids.filter((id) => stages.get(id)?.['RequestReceived'] !== 1),
      [],
      'every RequestReceived is on disk',
    )
    assert.equal(
      ids.filter((id) => stages.get(id)?.['ResponseComplete'] !== 1),
      [],
      'every ResponseComplete is on disk',
    )
  } finally {
    await stopChild(child)
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

Stop.run()
