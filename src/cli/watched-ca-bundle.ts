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
 */
export const watchedCaBundle = (path: string, log: Logger): E.Either<string, () => CaBundle> => {
  const first = readBundle(path)
  if (E.isLeft(first)) return first
  let current = first.right
  const reload = (): void => {
    const next = readBundle(path)
    if (E.isRight(next)) current = next.right
    else log({ level: 'error', msg: `keeping the last good client CA bundle of ${path}`, fields: { reason: next.left } })
  }
  E.tryCatch(() => watch(dirname(path), { persistent: false }, reload), () => undefined)
  return E.right(() => current)
}

const readBundle = (path: string): E.Either<string, CaBundle> =>
  E.chain((pem: string) => E.mapLeft((e: string) => `${path}: ${e}`)(caBundleFromPem(pem)))(
    E.tryCatch(
      () => readFileSync(path, 'utf8'),
      (e) => `unable to load client CA file ${path}: ${e instanceof Error ? e.message : String(e)}`,
    ),
  )
