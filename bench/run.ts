// `npm run bench`: HTTP load tests of kubechain, its chains and peer frameworks against bare node:http,
// and of kubechain's secure serving against bare node https / http2, then every micro bench.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rowWords } from './bench-env.js'
import { toSvg } from './chart.js'
import { compiledFile } from './compiled.js'
import type { Group, Row } from './passes.js'
import { replaceSection } from './readme-section.js'
import { benchToken, securePath } from './servers/secure-parts.js'
import { ensureH2load } from './setup.js'
import { runSuite } from './suite.js'
import { toTable } from './table.js'
import { barsTable } from './bars.js'

const here = dirname(fileURLToPath(import.meta.url))
const server = (name: string): string => join(here, 'servers', name)

/** What the secure rows ask for: a namespaced list with the bench token (RBAC allows it). */
const secureRequest = { path: securePath, headers: { authorization: `Bearer ${benchToken}` } }

/** Plain HTTP/1.1: peers and kubechain's chains against bare node:http. */
const plain: Group = {
  name: 'HTTP/1.1',
  baseline: { label: 'bare node:http', file: server('bare.ts') },
  rows: [
    { label: 'bare node:http + 2 µs busy loop per request', file: server('bare-busy.ts') },
    { label: 'floor: insecure chain decisions by hand, no chain', file: server('insecure-floor.ts') },
    { label: 'floor: secure chain decisions by hand, no chain', file: server('secure-floor.ts'), request: secureRequest },
    { label: 'Fastify 5', file: server('fastify.ts') },
    { label: 'Fastify 5, 12 onRequest hooks', file: server('fastify-hooks-12.ts') },
    {
      label: 'Fastify 5, equal work (request id, in-flight, bearer-auth, CASL)',
      file: server('fastify-equal-work.ts'),
      request: secureRequest,
    },
    { label: 'Hono 4 (@hono/node-server)', file: server('hono.ts') },
    { label: 'Hono 4, 12 middlewares', file: server('hono-12.ts') },
    { label: 'Koa 3', file: server('koa.ts') },
    { label: 'Express 5', file: server('express.ts') },
    { label: 'kubechain, 0 steps', file: server('steps-0.ts') },
    { label: 'kubechain, 12 pass-through steps', file: server('pass-12.ts') },
    { label: 'kubechain, 24 pass-through steps', file: server('pass-24.ts') },
    { label: 'kubechain, 12 after-work steps', file: server('after-12.ts') },
    { label: 'kubechain, 12 header-setting steps', file: server('headers-12.ts') },
    { label: 'kubechain, insecure chain', file: server('insecure-chain.ts') },
    { label: 'kubechain, insecure chain, handler answering later (T.of)', file: server('insecure-chain-later.ts') },
    { label: 'kubechain, secure chain', file: server('secure-chain.ts'), request: secureRequest },
    { label: 'kubechain, secure chain, audit Metadata', file: server('secure-chain-audit.ts'), request: secureRequest },
  ],
}

/** HTTPS over HTTP/1.1 (autocannon; ALPN falls back to http/1.1): kubechain's serveSecurely against bare node https. */
const https: Group = {
  name: 'HTTPS (HTTP/1.1 over TLS)',
  baseline: { label: 'bare node https', file: server('bare-https.ts'), protocol: 'https' },
  rows: [
    { label: 'kubechain serveSecurely, hello over HTTPS', file: server('tls-hello.ts'), protocol: 'https' },
    {
      label: 'kubechain serveSecurely, secure chain over HTTPS',
      file: server('tls-secure-chain.ts'),
      protocol: 'https',
      request: secureRequest,
    },
  ],
}

/** HTTP/2 over TLS (h2load): kubechain's serveSecurely (HTTP/2 from the session's 'stream' event) against bare http2 with the compat API, what `createSecureServer(listener)` gives a Node user. */
const h2: Group = {
  name: 'HTTP/2 over TLS',
  baseline: { label: 'bare node http2 (compat API)', file: server('bare-h2.ts'), protocol: 'h2' },
  rows: [
    { label: 'bare node http2 (stream API)', file: server('bare-h2-stream.ts'), protocol: 'h2' },
    { label: 'kubechain serveSecurely, hello over HTTP/2', file: server('tls-hello.ts'), protocol: 'h2' },
    {
      label: 'kubechain serveSecurely, secure chain over HTTP/2',
      file: server('tls-secure-chain.ts'),
      protocol: 'h2',
      request: secureRequest,
    },
  ],
}

/** BENCH_ROWS=insecure,https keeps the rows whose label or group contains one of the words, with their baselines. */
const choose = (groups: ReadonlyArray<Group>): ReadonlyArray<Group> => {
  const words = rowWords()
  if (words.length === 0) return groups
  const hit = (g: Group, r: Row): boolean => words.some((w) => `${g.name} ${r.label}`.toLowerCase().includes(w))
  return groups.map((g) => ({ ...g, rows: g.rows.filter((r) => hit(g, r)) })).filter((g) => g.rows.length > 0)
}

const wanted = choose([plain, https, h2])
const skipH2 = wanted.includes(h2) && !(await ensureH2load())
const groups = skipH2 ? wanted.filter((g) => g !== h2) : wanted

const explain = [
  ...(skipH2 ? ['HTTP/2 rows skipped: h2load (Debian package nghttp2-client) is not installed and could not be installed.'] : []),
  "Each row is measured between two measurements of its group's baseline (in bold); its ratio is its req/s over their mean",
  '(median over passes, then min–max). "Server RSS" is the server\'s peak resident set (VmHWM) at the end of its measurement.',
  '"Server CPU" is the server\'s CPU use while measured (100% = one core); below ~95% the load generator was the limit.',
  '"Other CPU" is what other programs and the hypervisor (steal) used meanwhile; above ~10% the measurement shared the machine. "Ratio per server',
  'CPU-second" is the same ratio on req/s divided by server CPU. "Target" is the bar a row must clear (median ratio).',
]

/** Runs `node <file compiled>` for every bench/micro/*.ts, one after another, output inherited. */
const runMicro = async (): Promise<void> => {
  const dir = join(here, 'micro')
  let files: string[]
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .sort()
  } catch {
    return
  }
  for (const f of files) {
    console.log(`\n## micro: ${f}\n`)
    const code = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, [compiledFile(join(dir, f))], { stdio: 'inherit' }).once('exit', resolve)
    })
    if (code !== 0) {
      console.error(`micro bench ${f} exited with ${code}`)
      process.exitCode = 1
    }
  }
}

const run = await runSuite(groups, 5)
const date = run.started.toISOString()
const about = [...run.header, ...explain].join('\n')
const table = [barsTable(run.results), toTable(run.results)].filter((t) => t !== '').join('\n\n')
console.log(`\n# kubechain HTTP bench — ${date}\n\n${about}\n\n${table}\n`)
const out = join(here, 'results')
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'latest.md'), `# kubechain HTTP bench — ${date}\n\n${about}\n\n${table}\n`)
writeFileSync(join(out, 'latest.svg'), toSvg(run.results, `kubechain bench ${date.slice(0, 10)}: req/s ratio to the group's bare baseline`))
const partial = groups.length < 3 || groups.some((g, i) => g.rows.length < [plain, https, h2][i]!.rows.length)
if (partial) console.error('bench: a partial run (BENCH_ROWS or no h2load); bench/README.md left as it was')
else
  replaceSection(
    join(here, 'README.md'),
    'latest',
    `Latest full run: ${date}. ${about}\n\n![ratios to the bare baselines](results/latest.svg)\n\n${table}`,
  )
if (process.env['BENCH_MICRO'] !== '0') await runMicro()
