// `npm pack` as from a clean checkout: the repository's files (tracked, or new and not ignored; no dist/) are
// copied to a scratch directory that shares node_modules, and packed there, so `prepack` must build dist/
// itself and the working tree's dist/ is left alone.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** What a command printed and how it ended; `code` is null when it was killed at its time limit. */
export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command without a shell, its `npm_*` variables removed (set when this runs under `npm test`), killed after `ms`. */
export const run = (cmd: string, args: ReadonlyArray<string>, cwd: string, ms = 60_000): Promise<Ran> => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')))
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, timeout: ms, killSignal: 'SIGKILL', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null
      resolve({ code, stdout, stderr })
    })
  })
}

/** One file in the tarball, as `npm pack --json` lists it. */
export interface PackedFile {
  readonly path: string
  readonly size: number
}

/** The tarball: its path and the files in it. */
export interface Packed {
  readonly tarball: string
  readonly files: ReadonlyArray<PackedFile>
}

/** Copies the checkout to `<dir>/checkout` and packs it into `dir`. */
export const packCheckout = async (dir: string): Promise<Packed> => {
  const checkout = join(dir, 'checkout')
  const listed = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], repoRoot)
  if (listed.code !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`)
  for (const file of listed.stdout.split('\0').filter((f) => f !== '' && f !== 'node_modules' && existsSync(join(repoRoot, f)))) {
    mkdirSync(join(checkout, file, '..'), { recursive: true })
    cpSync(join(repoRoot, file), join(checkout, file), { dereference: false, errorOnExist: false, force: true })
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(checkout, 'node_modules'))
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], checkout, 120_000)
  if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}):\n${packed.stderr}`)
  const [info] = JSON.parse(packed.stdout) as ReadonlyArray<{ filename: string; files: ReadonlyArray<PackedFile> }>
  if (info === undefined) throw new Error(`npm pack printed no tarball:\n${packed.stdout}`)
  return { tarball: join(dir, info.filename), files: info.files }
}
