// Compares what the chain costs per request in two builds, over pairs of processes. Two rows of one
// process are not comparable below ~0.2 µs: each carries its own JIT decisions (two copies of the same
// build, as two rows of one process, differed by 0.19 µs with one faster in 27 of 31 rounds). Here each
// process measures one build's chain against bare node:http (`ab-row.ts`), and the builds alternate.
// Build both first (`npx tsc -p tsconfig.bench.json` in each work tree), then, from this one:
//   taskset -c 1 node .bench-build/bench/ab-builds.js /tmp/base/.bench-build .bench-build [pairs] [insecure|secure|h2-secure|h2-hello]
// The h2 rows measure the chain served from HTTP/2's 'stream' event against bare node http2 (`ab-h2-row.ts`).
import { execFileSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const [a, b, pairsArg, row = 'insecure'] = process.argv.slice(2)
if (a === undefined || b === undefined) {
  console.error('usage: node .bench-build/bench/ab-builds.js <build A> <build B> [pairs=12] [insecure|secure|h2-secure|h2-hello]')
  process.exit(2)
}
const pairs = Number(pairsArg ?? 12)
const child = join(dirname(fileURLToPath(import.meta.url)), row.startsWith('h2-') ? 'ab-h2-row.js' : 'ab-row.js')
const over = row.startsWith('h2-') ? 'bare node http2 (stream API)' : 'bare node:http'

/** µs per request over the bare baseline of `build`'s chain, measured in a process of its own. */
const measure = (build: string): number =>
  Number(
    execFileSync(process.execPath, [child], { env: { ...process.env, AB_BUILD: resolve(build), AB_ROW: row }, encoding: 'utf8' }).trim(),
  )

const results: { a: number[]; b: number[] } = { a: [], b: [] }
for (let p = 0; p < pairs; p++) {
  for (const side of p % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) results[side].push(measure(side === 'a' ? a : b))
  console.error(`pair ${p + 1}/${pairs}: A +${results.a.at(-1)?.toFixed(3)} µs, B +${results.b.at(-1)?.toFixed(3)} µs`)
}

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0
const mean = (xs: ReadonlyArray<number>): number => xs.reduce((s, x) => s + x, 0) / xs.length
const diffs = results.b.map((x, i) => x - (results.a[i] ?? 0))
const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean(diffs)) ** 2, 0) / Math.max(1, diffs.length - 1))
console.log(`${row} chain, µs per request over ${over}, ${pairs} pairs of processes`)
console.log(`A ${a}: median +${median(results.a).toFixed(3)}, mean +${mean(results.a).toFixed(3)}`)
console.log(`B ${b}: median +${median(results.b).toFixed(3)}, mean +${mean(results.b).toFixed(3)}`)
console.log(
  `B - A: mean ${mean(diffs).toFixed(3)} ± ${(sd / Math.sqrt(diffs.length)).toFixed(3)} (standard error), B faster in ${diffs.filter((d) => d < 0).length} of ${pairs}`,
)
