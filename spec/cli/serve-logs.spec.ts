// `kubechain serve` in process: its log lines (klog text or JSON), -v, and /debug/flags/v over HTTPS.
import * as fs from 'node:fs'
import * as https from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runServe } from '../../src/cli/serve-command.js'
import { freePort } from '../support/serve-child.js'

const klogHeader = /^([IWE])\d{4} \d{2}:\d{2}:\d{2}\.\d{6} [ \d]{7} [^ \]]+:\d+\] ("(?:[^"\\]|\\.)*")(.*)$/

interface Running {
  readonly port: number
  readonly lines: string[]
  readonly stop: () => Promise<number>
}

/** Starts `kubechain serve` with a token file (an admin in system:masters, a plain user); resolves once it serves. */
const start = async (dir: string, flags: ReadonlyArray<string>): Promise<Running> => {
  const tokens = path.join(dir, 'tokens.csv')
  fs.writeFileSync(tokens, 'admin-token,admin,1,system:masters\nuser-token,jane,2,\n')
  const port = await freePort()
  const lines: string[] = []
  const controller = new AbortController()
  let serving: () => void = () => undefined
  const up = new Promise<void>((resolve) => (serving = resolve))
  const code = runServe(
    [`--cert-dir=${dir}`, '--bind-address=127.0.0.1', `--secure-port=${port}`, `--token-auth-file=${tokens}`, ...flags],
    {
      out: (s) => (s.includes('kubechain is serving') ? serving() : undefined),
      err: (s) => void lines.push(`stderr: ${s}`),
      stop: () => controller.signal,
      logLine: (l) => void lines.push(l),
    },
  )
  await Promise.race([up, code.then((c) => Promise.reject(new Error(`exited ${c}: ${lines.join('')}`)))])
  return { port, lines, stop: () => (controller.abort(), code) }
}

const call = (port: number, token: string, method: string, path: string, body = ''): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        rejectUnauthorized: false,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })

const withDir = async (body: (dir: string) => Promise<void>): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-serve-logs-'))
  try {
    await body(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const logs = suite('kubechain serve logs')

const put = (port: number, token: string, body: string) => call(port, token, 'PUT', '/debug/flags/v', body)

logs('text lines carry klog headers; -v=0 hides V(1) and V(3); /debug/flags/v (masters only) raises it at run time', () =>
  withDir(async (dir) => {
    const s = await start(dir, [])
    const forbidden = await put(s.port, 'user-token', '3')
    assert.is(forbidden.status, 403)
    const set = await put(s.port, 'admin-token', '3')
    assert.equal(set, { status: 200, body: 'successfully set klog.logging.verbosity to 3\n' })
    assert.is((await call(s.port, 'user-token', 'GET', '/readyz')).status, 200)
    assert.is(await s.stop(), 0)
    const parsed = s.lines.map((l) => {
      assert.is(l.indexOf('\n'), l.length - 1, l)
      const m = klogHeader.exec(l.slice(0, -1))
      assert.ok(m, `not a klog line: ${l}`)
      return { severity: m[1], msg: JSON.parse(m[2]!) as string, rest: m[3] }
    })
    const msgs = parsed.map((p) => p.msg)
    assert.ok(msgs.includes(`Serving securely on 127.0.0.1:${s.port}`), msgs.join('\n'))
    assert.ok(
      parsed.some((p) => p.msg === '[graceful-termination] shutdown event' && p.rest === ' name="ShutdownInitiated"'),
      'V(1) lines appear once /debug/flags/v set 1',
    )
    assert.ok(msgs.includes('[graceful-termination] apiserver is exiting'))
    assert.equal(
      parsed.filter((p) => p.msg === 'HTTP').map((p) => /URI="([^"]*)"/.exec(p.rest ?? '')?.[1]),
      ['/readyz'],
      'HTTP lines (V(3)) only for requests that started after the verbosity was raised',
    )
  }),
)

logs('--logging-format=json writes one JSON object per line with ts, caller, msg and v; V(1) stays out at -v=0', () =>
  withDir(async (dir) => {
    const before = Date.now()
    const s = await start(dir, ['--logging-format=json'])
    assert.is(await s.stop(), 0)
    const entries = s.lines.map((l) => JSON.parse(l) as { ts: number; caller: string; msg: string; v?: number })
    assert.ok(entries.length > 0)
    for (const e of entries) {
      assert.ok(e.ts >= before && e.ts <= Date.now(), `ts ${e.ts} is epoch milliseconds of this run`)
      assert.match(e.caller, /^[^/]+\/[^/]+\.ts:\d+$/)
      assert.is(e.v, 0)
    }
    assert.ok(entries.some((e) => e.msg === `Serving securely on 127.0.0.1:${s.port}`))
    assert.not.ok(entries.some((e) => e.msg.startsWith('[graceful-termination]')))
  }),
)

logs.run()
