import { readFileSync, watch } from 'node:fs'
import { dirname } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { type CaBundle, caBundleFromPem } from '../auth/client-chain.js'
import type { Logger } from '../core/logger.js'

/**
 * A client-CA bundle read from `path` now, and read again whenever the file changes; a change that does
 * not parse keeps the last good bundle and logs why. The authenticators take the getter, so the next
 * request sees the new CAs (upstream's dynamic CA content). The watcher does not keep the process alive.
 * It watches the directory, so a file replaced by rename or a swapped symlink (secret volumes) is seen every time.
 * The Left is `<path>: <reason>`.
 */
export const watchedCaBundle = (path: string, log: Logger): E.Either<string, () => CaBundle> =>
  E.bimap(
    (reason: string) => `${path}: ${reason}`,
    (first: CaBundle) => watchCaBundle(path, first, log),
  )(readCaBundle(path))

/** `watchedCaBundle` for a bundle already read: starts watching `path`, answering `first` until a change parses. */
export const watchCaBundle = (path: string, first: CaBundle, log: Logger): (() => CaBundle) => {
  let current = first
  const reload = (): void => {
    const next = readCaBundle(path)
    if (E.isRight(next)) current = next.right
    else log({ level: 'error', msg: `keeping the last good client CA bundle of ${path}`, fields: { reason: `${path}: ${next.left}` } })
  }
  E.tryCatch(
    () => watch(dirname(path), { persistent: false }, reload),
    () => undefined,
  )
  return () => current
}

/** Reads and parses a CA bundle file; the Left is the reason alone, for the caller to prefix with the flag and file. */
export const readCaBundle = (path: string): E.Either<string, CaBundle> =>
  E.chain(caBundleFromPem)(
    E.tryCatch(
      () => readFileSync(path, 'utf8'),
      (e) => `unable to load client CA file: ${e instanceof Error ? e.message : String(e)}`,
    ),
  )
