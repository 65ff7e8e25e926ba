// `npm run bench:setup`: makes sure h2load (Debian package nghttp2-client) is there for the HTTP/2 rows,
// installing it with apt-get when it is missing and apt-get can run (as root). `npm run bench` calls
// the same check before it starts.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { hasH2load } from './h2load.js'

const aptGet = (args: ReadonlyArray<string>): Promise<boolean> =>
  new Promise((resolve) => {
    const child = spawn('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    child.once('error', () => resolve(false))
    child.once('exit', (code) => resolve(code === 0))
  })

/**
 * True when h2load runs, after `apt-get install -y nghttp2-client` (and, if that fails, `apt-get update`
 * and a second try) when it did not. Says on stderr what it does and why the HTTP/2 rows will be skipped.
 */
export const ensureH2load = async (): Promise<boolean> => {
  if (await hasH2load()) return true
  if (process.getuid?.() !== 0) {
    console.error(
      'bench: h2load is missing and apt-get needs root; run `apt-get install -y nghttp2-client` as root. Skipping the HTTP/2 rows.',
    )
    return false
  }
  console.error('bench: h2load is missing; running `apt-get install -y nghttp2-client`')
  const ok =
    (await aptGet(['install', '-y', 'nghttp2-client'])) ||
    ((await aptGet(['update'])) && (await aptGet(['install', '-y', 'nghttp2-client'])))
  if (ok && (await hasH2load())) return true
  console.error('bench: could not install h2load (no apt-get, or the install failed). Skipping the HTTP/2 rows.')
  return false
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = await ensureH2load()
  console.log(ok ? 'h2load is installed' : 'h2load is not available: the HTTP/2 rows will be skipped')
  process.exitCode = ok ? 0 : 1
}
