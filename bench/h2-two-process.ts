// The in-process HTTP/2 rig's client against server processes: each row's server runs alone in a child
// pinned to CPU 1 (as in `npm run bench`), the rig's frame-level client (`h2-rig.ts`) runs here on CPU 0,
// and a round's cost is the server's CPU per request read from `/proc`. It separates what the load
// generator's traffic does (h2load's headers, settings, windows) from what two processes on two cores do:
// the client is the rig's, the setup is the loopback bench's. Every round of every process is printed, so
// the spread from one process to the next and from one round to the next is visible. Run with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/h2-two-process.js [processes=2] [rounds=3]
import { h2Request, h2Rig } from './h2-rig.js'
import { pinSelf, startServer } from './server-process.js'
import { benchToken, securePath } from './servers/secure-parts.js'

const processes = Number(process.argv[2] ?? 2)
const rounds = Number(process.argv[3] ?? 3)
const connections = 50 // h2load's clients in `npm run bench`, one stream each
const requestsPerRound = 50_000

const rows = [
  { label: 'bare node http2 (compat API)', file: 'bench/servers/bare-h2.ts' },
  { label: 'kubechain serveSecurely, hello', file: 'bench/servers/tls-hello.ts' },
  { label: 'kubechain serveSecurely, secure chain', file: 'bench/servers/tls-secure-chain.ts' },
]

if (!pinSelf(0)) console.error('h2-two-process: taskset did not pin this process; figures share both cores')
const request = h2Request(securePath, benchToken)
const lines: string[] = []
for (let p = 0; p < processes; p++) {
  for (const row of rows) {
    const server = await startServer(row.file, 1)
    const run = await h2Rig('tls', { port: server.port }, request, connections)
    await run(requestsPerRound) // warm-up, thrown away
    const cells: string[] = []
    for (let r = 0; r < rounds; r++) {
      const cpu0 = server.cpuSeconds() ?? 0
      const t0 = performance.now()
      const failed = await run(requestsPerRound)
      const seconds = (performance.now() - t0) / 1000
      const us = (((server.cpuSeconds() ?? 0) - cpu0) * 1e6) / requestsPerRound
      cells.push(`${us.toFixed(1)} µs ${(requestsPerRound / seconds / 1000).toFixed(1)}k/s${failed > 0 ? ` (${failed} failed)` : ''}`)
    }
    await server.stop()
    lines.push(`| ${p + 1} | ${row.label} | ${cells.join(' | ')} |`)
  }
}
console.log(`Server CPU per request and req/s, rig client in a second process, ${connections} connections, rounds of ${requestsPerRound}`)
console.log(`| process | row | ${Array.from({ length: rounds }, (_, r) => `round ${r + 1}`).join(' | ')} |`)
console.log(`|---|---|${'---:|'.repeat(rounds)}`)
for (const l of lines) console.log(l)
process.exit(0)
