// `kubechain serve --cert-dir=<a directory procfs refuses>` as a child process: a spin would block the
// event loop of the spec process itself, so the CLI runs apart and a bound turns a spin into a failure.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { within } from '../support/http-client.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Runs `kubechain serve` with `flags`; kills it when it has not exited within `ms`. */
const serveChild = async (flags: ReadonlyArray<string>, ms: number): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const { NOTIFY_SOCKET: _, ...env } = process.env
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...flags], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  try {
    return { code: await within(exited, ms, 'kubechain serve to exit'), stdout, stderr }
  } catch (e) {
    proc.kill('SIGKILL')
    await exited
    throw e
  }
}

const certDir = suite('--cert-dir')

certDir('a directory that procfs refuses to create fails at once naming it, exit 2, instead of spinning', async () => {
  if (!existsSync('/proc/self')) return console.log('  (no procfs here: skipped)')
  const r = await serveChild(['--bind-address=127.0.0.1', '--secure-port=6443', '--cert-dir=/proc/kubechain/certs'], 15_000)
  assert.is(r.code, 2, r.stderr)
  assert.is(r.stdout, '')
  assert.equal(r.stderr.split('\n').filter((l) => l !== ''), [
    "--cert-dir /proc/kubechain/certs: unable to write self signed cert: ENOENT: no such file or directory, mkdir '/proc/kubechain'",
  ])
})

certDir.run()
