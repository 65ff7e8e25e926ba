// `kubechain serve` as a child process, for specs of paths that could spin: a spin would block the event
// loop of the spec process itself, so the CLI runs apart and a bound turns a spin into a failure.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { within } from '../support/http-client.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Runs `kubechain serve` with `flags`; kills it when it has not exited within `ms`. */
export const serveChild = async (
  flags: ReadonlyArray<string>,
  ms: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const { NOTIFY_SOCKET: _, ...env } = process.env
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...flags], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
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
