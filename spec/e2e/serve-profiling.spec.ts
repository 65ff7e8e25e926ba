// End to end: `kubechain serve` serves /debug/pprof/ to system:masters only, and not at all with --profiling=false.
import * as fs from 'node:fs'
import { request } from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Child, startServe, stopChild } from '../support/serve-child.js'

/** One HTTPS/1.1 GET to the child: status, headers and body. */
const get = (url: URL, p: string, token?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` }
    const req = request({ host: url.hostname, port: url.port, path: p, headers, agent: false, rejectUnauthorized: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('error', reject)
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.setTimeout(10_000, () => req.destroy(new Error('client timeout')))
    req.on('error', reject)
    req.end()
  })

const withServe = async (flags: ReadonlyArray<string>, body: (child: Child) => Promise<void>): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-serve-pprof-'))
  let child: Child | undefined
  try {
    child = await startServe(dir, flags)
    await body(child)
  } finally {
    await stopChild(child)
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const serve = suite('kubechain serve: profiling')

serve('on by default: the admin token gets a CPU profile, anonymous users a 403', () =>
  withServe([], async ({ url, token }) => {
    const anonymous = await get(url, '/debug/pprof/profile?seconds=1')
    assert.is(anonymous.status, 403)
    assert.match(anonymous.body, 'cannot get path \\"/debug/pprof/profile\\"')
    const index = await get(url, '/debug/pprof/', token)
    assert.is(index.status, 200)
    assert.match(index.body, '<title>/debug/pprof/</title>')
    const profile = await get(url, '/debug/pprof/profile?seconds=1', token)
    assert.is(profile.status, 200)
    assert.is(profile.headers['content-disposition'], 'attachment; filename="profile.cpuprofile"')
    const parsed = JSON.parse(profile.body) as { nodes: unknown[]; samples: unknown[]; startTime: number; endTime: number }
    assert.ok(parsed.nodes.length > 0 && parsed.samples.length > 0)
    assert.ok(parsed.endTime - parsed.startTime >= 900_000, `recorded ${parsed.endTime - parsed.startTime} µs`)
  }),
)

serve('--profiling=false serves no /debug/pprof/ path, even to the admin', () =>
  withServe(['--profiling=false'], async ({ url, token }) => {
    for (const p of ['/debug/pprof', '/debug/pprof/', '/debug/pprof/profile?seconds=1', '/debug/pprof/heap'])
      assert.is((await get(url, p, token)).status, 404, p)
  }),
)

serve.run()
