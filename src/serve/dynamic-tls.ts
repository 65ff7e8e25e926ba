import { watch as fsWatch } from 'node:fs'
import type { SecureContext } from 'node:tls'
import * as E from 'fp-ts/lib/Either.js'
import type { Clock, Logger } from '../core/index.js'
import { selectByName } from './sni-names.js'
import { type TlsMaterial, type TlsSettings, type TlsSources, loadTlsMaterial, watchedFiles } from './tls-material.js'

/** Watches one file; calls back on every change, with `renamed` when the watch must be re-established. */
export type WatchFile = (file: string, onEvent: (renamed: boolean) => void) => () => void

/** The effects of the reload controller. */
export interface DynamicTlsDeps {
  readonly clock: Clock
  readonly log: Logger
  /** `fs.watch` by default; specs pass a fake or a no-op. */
  readonly watch?: WatchFile
}

/** The live TLS material of a server: an SNI callback over the current contexts, and a stop. */
export interface DynamicTls {
  readonly current: () => TlsMaterial
  readonly sniCallback: (serverName: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void
  /** Re-reads every source now (what file events and the one-minute tick do). */
  readonly reload: () => void
  readonly stop: () => void
}

const RECHECK_MS = 60_000

/**
 * Keeps TLS material fresh (upstream `DynamicServingCertificateController` with file-backed content):
 * reloads on any change of a watched file and every minute, re-arming watches that were lost (atomic
 * renames); a bad new set keeps the last good one and logs why. `onChange` gets each new set (to call
 * `server.setSecureContext` for clients without SNI); new handshakes use it, open connections keep theirs.
 */
export const dynamicTls = (
  sources: TlsSources,
  settings: TlsSettings,
  initial: TlsMaterial,
  onChange: (m: TlsMaterial) => void,
  deps: DynamicTlsDeps,
): DynamicTls => {
  let current = initial
  let stopped = false
  const watch = deps.watch ?? nodeWatch
  const watchers = new Map<string, () => void>()
  const reload = (): void => {
    if (stopped) return
    const next = loadTlsMaterial(sources, settings)
    if (E.isLeft(next)) return deps.log({ level: 'warn', msg: 'keeping the last good serving certificates', fields: { reason: next.left } })
    if (next.right.content === current.content) return
    current = next.right
    onChange(current)
    deps.log({ level: 'info', v: 2, msg: 'loaded new serving certificates' })
  }
  const arm = (file: string): void => {
    if (watchers.has(file)) return
    try {
      watchers.set(
        file,
        watch(file, (renamed) => onEvent(file, renamed)),
      )
    } catch (e) {
      deps.log({ level: 'warn', msg: 'failed to watch a certificate file, retrying in a minute', fields: { file }, error: e })
    }
  }
  const onEvent = (file: string, renamed: boolean): void => {
    if (renamed) {
      watchers.get(file)?.()
      watchers.delete(file)
      arm(file)
    }
    reload()
  }
  const files = watchedFiles(sources)
  let cancelTick = (): void => undefined
  const tick = (): void => {
    files.forEach(arm)
    reload()
    cancelTick = deps.clock.setTimer(tick, RECHECK_MS)
  }
  files.forEach(arm)
  cancelTick = deps.clock.setTimer(tick, RECHECK_MS)
  return {
    current: () => current,
    sniCallback: (name, cb) => cb(null, selectByName(current.byName, name, current.defaultContext)),
    reload,
    stop: () => {
      stopped = true
      cancelTick()
      for (const close of watchers.values()) close()
      watchers.clear()
    },
  }
}

const nodeWatch: WatchFile = (file, onEvent) => {
  const w = fsWatch(file, { persistent: false }, (event) => onEvent(event === 'rename'))
  w.on('error', () => onEvent(true))
  return () => w.close()
}
