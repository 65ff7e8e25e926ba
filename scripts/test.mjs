// npm test: type-check everything (src, spec, examples, bench) and every `@example` in src/ while building dist/ and
// loading it with plain node,
// run every uvu spec under spec/ in four groups at once (the serving and end-to-end specs mostly wait on
// sockets and timers; the package and deploy specs on npm, tsc and a child server), and close with one line
// `N passed, N failed` (uvu prints totals in its own format).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const SPEC_TIMEOUT_MS = 240_000

/** Runs a command, echoing its output (or, `quiet`, only collecting it); resolves with its exit code and what it printed. */
const run = (cmd, args, env = {}, quiet = false) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const echo = (stream) => (chunk) => {
      out += chunk
      if (!quiet) stream.write(chunk)
    }
    child.stdout.on('data', echo(process.stdout))
    child.stderr.on('data', echo(process.stderr))
    const timer = setTimeout(() => {
      process.stderr.write('\nspecs timed out, killing them\n')
      child.kill('SIGKILL')
    }, SPEC_TIMEOUT_MS)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? 1, out })
    })
  })

const count = (out, label) => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes, which start with ESC
  const m = out.replace(/\x1b\[[0-9;]*m/g, '').match(new RegExp(`${label}:\\s+(\\d+)`))
  return m ? Number(m[1]) : undefined
}

const tsc = require.resolve('typescript/bin/tsc')

// The package must load under plain node, not only under tsx (e.g. fp-ts directory imports fail there).
const buildAndLoad = async () => {
  const build = await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'])
  return build.code === 0
    ? run(process.execPath, [
        '--input-type=module',
        '-e',
        "const m = await import('kubechain'); if (typeof m.build !== 'function') throw new Error('kubechain did not load')",
      ])
    : build
}
const biome = fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url))
const checkExamples = fileURLToPath(new URL('./check-examples.ts', import.meta.url))
// the type-checks and the build are independent: one core each; the formatter and linter take a fraction of a second
const [typecheck, examples, load, style] = await Promise.all([
  run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit']),
  run(process.execPath, ['--import', 'tsx', checkExamples]),
  buildAndLoad(),
  run(process.execPath, [biome, 'ci', '--colors=off', '.']),
])
if (typecheck.code !== 0) process.stderr.write('type-check failed\n')
if (examples.code !== 0) process.stderr.write('an @example does not type-check (see the lines above)\n')
if (load.code !== 0) process.stderr.write('the built package does not load under plain node\n')
if (style.code !== 0) process.stderr.write('formatting or lint findings: run `npx biome check --write .` and fix what it cannot\n')

const uvu = fileURLToPath(new URL('../node_modules/uvu/bin.js', import.meta.url))
const groups = [
  '^serve/.*\\.spec\\.ts$',
  '^e2e/.*\\.spec\\.ts$',
  '^(package|deploy)/.*\\.spec\\.ts$',
  '^(?!serve/|e2e/|package/|deploy/).*\\.spec\\.ts$',
]
const results = await Promise.all(
  groups.map((g) => run(process.execPath, ['--import', 'tsx', uvu, 'spec', g, '--color', 'false'], { NO_COLOR: '1' }, true)),
)
for (const r of results) process.stdout.write(r.out)
/** One group's counts; a group that printed no totals (it crashed) counts as one failure. */
const tally = (r) => {
  const total = count(r.out, 'Total')
  const passed = count(r.out, 'Passed') ?? 0
  const skipped = count(r.out, 'Skipped') ?? 0
  const failed = total === undefined ? 1 : total - passed - skipped
  return { passed, skipped, failed: failed + (total !== undefined && r.code !== 0 && failed === 0 ? 1 : 0) }
}
const sum = results
  .map(tally)
  .reduce((a, b) => ({ passed: a.passed + b.passed, skipped: a.skipped + b.skipped, failed: a.failed + b.failed }))
const passed = sum.passed
const skipped = sum.skipped
const failed = sum.failed + [typecheck, examples, load, style].filter((r) => r.code !== 0).length
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)
process.exitCode = failed === 0 ? 0 : 1
