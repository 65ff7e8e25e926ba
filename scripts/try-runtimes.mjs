// Tries kubechain's fetch adapter on Bun and Deno, installed from the npm registry (packages `bun` and `deno`)
// into ~/.cache/kubechain/runtimes. Not part of `npm test`: it needs the registry (or npm's cache) and ~150 MB.
// Builds dist/ first (`npm run build`), then for each runtime serves
// `toFetchHandler(build(secureChain(...))(hello))` with `Bun.serve` / `Deno.serve` on 127.0.0.1 port 0 and
// checks: GET with a token 200, without 401, a POST body echoed, a stream read in order, the client's address.
// Usage: node scripts/try-runtimes.mjs [bun] [deno]   (both by default; BUN_VERSION / DENO_VERSION pin versions)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cache = join(homedir(), '.cache', 'kubechain', 'runtimes')
const versions = { bun: process.env.BUN_VERSION ?? '1.4.5', deno: process.env.DENO_VERSION ?? '2.9.6' }
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['bun', 'deno']
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** Installs `name@version` from npm into the cache unless there; gives its binary, or a reason it could not. */
const install = (name) => {
  const dir = join(cache, `${name}-${versions[name]}`)
  const bin = join(dir, 'node_modules', '.bin', name)
  if (existsSync(bin)) return { bin }
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), '{"private":true}')
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', `${name}@${versions[name]}`], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0 || !existsSync(bin))
    return { reason: `npm install ${name}@${versions[name]} failed: ${(r.stderr ?? '').trim().split('\n').pop()}` }
  return { bin }
}

/** The server both runtimes run: the secure chain over a small hello handler, answering on 127.0.0.1:0. */
const serverSource = (runtime) => `
import * as k from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)}
const admin = { name: 'admin', uid: '', groups: ['system:masters'], extra: {} }
const parts = {
  authenticator: k.bearerTokenAuthenticator(k.staticTokenAuthenticator(new Map([['s3cret', admin]]))),
  authorizer: k.rbacAuthorizer(k.withBootstrapPolicy(k.noRbacObjects)),
}
const cfg = k.newConfig({ requestTimeout: 30000 })
const deps = { ...k.defaultDeps, log: k.silentLogger }
const outcomes = []
const hello = async (req) => {
  if (req.path === '/echo' || req.path === '/small') {
    const body = await k.readBodyLimited(req, req.path === '/small' ? 8 : 1 << 20)()
    return body._tag === 'Left' ? k.toResponse(body.left) : k.bytes(200, body.right, { 'content-type': 'text/plain' })
  }
  if (req.path === '/stream') return k.stream(200, (async function* () { for (const s of ['one ', 'two ', 'three']) yield s })())
  if (req.path === '/peer') return k.text(200, k.peerAddress(req.raw)?.remoteAddress ?? 'none')
  if (req.path === '/endless') {
    req.cancel.onCancel(() => outcomes.push('cancelled'))
    const ticks = async function* () { for (let i = 0; ; i++) { yield 'tick ' + i + '\\n'; await new Promise((r) => setTimeout(r, 20)) } }
    return k.addFinalizer((o) => outcomes.push(o))(k.stream(200, ticks()))
  }
  if (req.path === '/outcomes') return k.text(200, outcomes.join(','))
  return k.text(200, 'hello from ' + ${JSON.stringify(runtime)})
}
const fetchHandler = k.toFetchHandler(k.build(k.secureChain(k.standaloneContext(deps), cfg.right, parts))(hello), { log: k.silentLogger })
${
  runtime === 'bun'
    ? `const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (req, srv) => fetchHandler(req, { remoteAddress: srv.requestIP(req)?.address ?? '' }) })
console.log(JSON.stringify({ port: server.port, version: Bun.version }))`
    : `const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(JSON.stringify({ port, version: Deno.version.deno })) },
  (req, info) => fetchHandler(req, { remoteAddress: info.remoteAddr.hostname, remotePort: info.remoteAddr.port }))`
}
`

/** Starts the server under `runtime`; resolves with the child and what it printed first (port, version). */
const startServer = (runtime, bin, file) =>
  new Promise((resolve, reject) => {
    // Deno resolves dist's bare imports from this project's node_modules only when told to (the script lives elsewhere)
    const args = runtime === 'bun' ? ['run', file] : ['run', '--allow-all', '--quiet', '--node-modules-dir=manual', file]
    const child = spawn(bin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`no port within 60 s: ${err.trim()}`))), 60_000)
    child.stderr.on('data', (c) => (err += c))
    child.stdout.on('data', (c) => {
      out += c
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line === undefined) return
      clearTimeout(timer)
      resolve({ child, ...JSON.parse(line) })
    })
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}: ${err.trim()}`))))
  })

const checks = [
  [
    'GET with a token: 200',
    async (base) => {
      const res = await fetch(`${base}/hi`, { headers: { authorization: 'Bearer s3cret' } })
      return res.status === 200 && (await res.text()).startsWith('hello from') && res.headers.get('audit-id') !== null
    },
  ],
  ['GET without a token: 401', async (base) => (await fetch(`${base}/hi`)).status === 401],
  [
    'POST body echoed',
    async (base) => {
      const res = await fetch(`${base}/echo`, { method: 'POST', headers: { authorization: 'Bearer s3cret' }, body: 'x'.repeat(100_000) })
      return res.status === 200 && (await res.text()).length === 100_000
    },
  ],
  [
    'a body over the limit: 413',
    async (base) => {
      const res = await fetch(`${base}/small`, { method: 'POST', headers: { authorization: 'Bearer s3cret' }, body: 'too long a body' })
      return res.status === 413 && ((await res.json()).message ?? '').includes('limit is 8')
    },
  ],
  [
    'HEAD: the length, no body',
    async (base) => {
      const res = await fetch(`${base}/hi`, { method: 'HEAD', headers: { authorization: 'Bearer s3cret' } })
      return res.status === 200 && res.headers.get('content-length') !== null && (await res.text()) === ''
    },
  ],
  [
    'a stream, in order',
    async (base) => {
      const res = await fetch(`${base}/stream`, { headers: { authorization: 'Bearer s3cret' } })
      return res.status === 200 && (await res.text()) === 'one two three'
    },
  ],
  [
    'a client leaving mid-stream: the request is cancelled, the stream aborted',
    async (base) => {
      const client = new AbortController()
      const res = await fetch(`${base}/endless`, { headers: { authorization: 'Bearer s3cret' }, signal: client.signal })
      await res.body.getReader().read()
      client.abort()
      for (let i = 0; i < 50; i++) {
        const seen = await (await fetch(`${base}/outcomes`, { headers: { authorization: 'Bearer s3cret' } })).text()
        if (seen.split(',').includes('aborted')) return seen.split(',').includes('cancelled')
        await new Promise((r) => setTimeout(r, 100))
      }
      return false
    },
  ],
  [
    'the client address as peer',
    async (base) => {
      const res = await fetch(`${base}/peer`, { headers: { authorization: 'Bearer s3cret' } })
      return /^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/.test(await res.text())
    },
  ],
]

const tryRuntime = async (runtime, dir) => {
  const installed = install(runtime)
  if (installed.reason !== undefined) return console.log(`${runtime}: not tried (${installed.reason})`)
  const file = join(dir, `serve-${runtime}.mjs`)
  writeFileSync(file, serverSource(runtime))
  let server
  try {
    server = await startServer(runtime, installed.bin, file)
  } catch (e) {
    console.log(`${runtime}: did not start (${e.message})`)
    return 1
  }
  let failed = 0
  try {
    for (const [name, check] of checks) {
      const ok = await check(`http://127.0.0.1:${server.port}`).catch(() => false)
      if (!ok) failed++
      console.log(`${runtime} ${server.version}: ${ok ? 'ok  ' : 'FAIL'} ${name}`)
    }
  } finally {
    server.child.kill('SIGTERM')
  }
  return failed
}

if (spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1)
const dir = mkdtempSync(join(tmpdir(), 'kubechain-runtimes-'))
let failures = 0
try {
  for (const runtime of wanted) failures += (await tryRuntime(runtime, dir)) ?? 0
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.exitCode = failures === 0 ? 0 : 1
