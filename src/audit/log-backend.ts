import * as fs from 'node:fs'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Deps } from '../core/deps.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'
import { makeDirectories } from '../internal/make-directories.js'
import type { AuditBackend } from './backend.js'
import { dropReporter } from './drop-reporter.js'
import { encodeEvent } from './encode-event.js'
import type { AuditEvent } from './event.js'
import { pruneBackups } from './prune-backups.js'

/** The log backend's options (`--audit-log-path`, `--audit-log-maxsize` (MB), `-maxbackup`, `-maxage` (days)). */
export const LogBackendConfig = t.readonly(t.type({ path: t.string, maxSizeMB: t.number, maxBackups: t.number, maxAgeDays: t.number }))
export type LogBackendConfig = t.TypeOf<typeof LogBackendConfig>

/** Upstream's defaults: stdout; when a file is given, 100 MB files, 100 backups, 366 days. */
export const logBackendDefaults: LogBackendConfig = { path: '-', maxSizeMB: 100, maxBackups: 100, maxAgeDays: 366 }

const megabyte = 1024 * 1024

/**
 * Upstream's log backend (format `json`) with lumberjack's rotation: each event is one JSON line; a
 * call's lines go out in order, whole lines of about 64 KiB per write. Path `-` writes to stdout. A file
 * that a write would take past `maxSizeMB` (0 = 100) is renamed to
 * `<name>-<UTC yyyy-mm-ddThh-mm-ss.mmm><ext>` first; then backups beyond `maxBackups` and older than
 * `maxAgeDays` (0 = no limit) are removed. The file's missing directories are made (0700) one level at a
 * time, so one that cannot be made fails that write instead of spinning. A failed write makes
 * `processEvents` return false; the events it did not write are counted (`droppedEvents`) and logged as
 * `error writing audit events`, at most one line per second (`dropReporter`), and, with `metrics`, as
 * upstream's plugin `log` errors; nothing throws. Each call's
 * lines are written (`write(2)`) before it returns, so a crash of the process loses none of them.
 * Port note: writes are synchronous (`fs.writeSync`), several events per write (upstream writes each
 * event on its own, so rotation may fall inside a batch there too); old backups are removed at once,
 * not in a background goroutine.
 * @example
 * const backend = logBackend({ ...logBackendDefaults, path: '/var/log/kubechain/audit.log' }, defaultDeps)
 */
export const logBackend = (cfg: LogBackendConfig, deps: Pick<Deps, 'clock' | 'log'>, metrics?: AuditMetrics): AuditBackend => {
  const errors = metrics?.pluginErrors(logPlugin)
  if (cfg.path === '-') return stdoutBackend(deps, errors)
  const maxBytes = (cfg.maxSizeMB > 0 ? cfg.maxSizeMB : 100) * megabyte
  let fd: number | undefined
  let size = 0
  const open = (): number => {
    makeDirectories(path.dirname(cfg.path), logDirMode)
    const opened = fs.openSync(cfg.path, 'a', 0o600)
    size = fs.fstatSync(opened).size
    return opened
  }
  const rotate = (): void => {
    if (fd !== undefined) fs.closeSync(fd)
    fd = undefined
    fs.renameSync(cfg.path, backupName(cfg.path, deps.clock.now()))
    pruneBackups(cfg.path, cfg.maxBackups, cfg.maxAgeDays, deps.clock.now())
  }
  const write = (data: string): void => {
    const n = Buffer.byteLength(data)
    if (n > maxBytes) throw new Error(`write length ${n} exceeds maximum file size ${maxBytes}`)
    fd ??= open()
    if (size > 0 && size + n > maxBytes) rotate()
    fd ??= open()
    fs.writeSync(fd, data)
    size += n
  }
  const failed = dropReporter('error writing audit events', 'log', deps, errors)
  return {
    name: 'log',
    processEvents: (events) => {
      const r = forEachChunk(events, write)
      if (r.error !== undefined) failed.drop(events.slice(r.written), r.error)
      return r.written === events.length
    },
    droppedEvents: failed.count,
    shutdown: () => {
      failed.flush()
      if (fd !== undefined) E.tryCatch(() => fs.closeSync(fd as number), E.toError)
      fd = undefined
      return Promise.resolve()
    },
  }
}

/**
 * Upstream's `ensureLogFile`: creates the log's directories (0700, one level at a time, so a path procfs
 * refuses fails at once) and the file (0600) without writing to it; `-` (stdout) needs nothing. Left: the
 * error of the first step that failed.
 * @example
 * ensureLogFile('/proc/x/audit.log') // left(Error("ENOENT: no such file or directory, mkdir '/proc/x'"))
 */
export const ensureLogFile = (file: string): E.Either<Error, void> =>
  file === '-'
    ? E.right(undefined)
    : E.tryCatch(() => {
        makeDirectories(path.dirname(file), logDirMode)
        fs.closeSync(fs.openSync(file, 'a', 0o600))
      }, E.toError)

const logDirMode = 0o700

/** Upstream's plugin name of the log backend, the `plugin` label of its errors. */
const logPlugin = 'log'

const stdoutBackend = (deps: Pick<Deps, 'clock' | 'log'>, errors?: (events: number) => void): AuditBackend => {
  const failed = dropReporter('error writing audit events', 'log', deps, errors)
  return {
    name: 'log',
    processEvents: (events) => {
      process.stdout.write(lines(events), (e) => {
        if (e) failed.drop(events, e)
      })
      return true
    },
    droppedEvents: failed.count,
    shutdown: () => (failed.flush(), Promise.resolve()),
  }
}

const lines = (events: ReadonlyArray<AuditEvent>): string => {
  let out = ''
  for (const e of events) out += `${encodeEvent(e)}\n`
  return out
}

/** Lines gathered per write: below V8's large-object size, since flattening one string of a whole batch costs more per event than chunks do. */
const chunkChars = 64 * 1024

/**
 * Hands `write` the events' lines in order, whole lines of about `chunkChars` characters at a time;
 * says how many events were written before `write` (or encoding) threw, and the error.
 */
const forEachChunk = (
  events: ReadonlyArray<AuditEvent>,
  write: (data: string) => void,
): { readonly written: number; readonly error?: Error } => {
  let out = ''
  let written = 0
  let held = 0
  try {
    for (const e of events) {
      out += `${encodeEvent(e)}\n`
      held++
      if (out.length >= chunkChars) {
        write(out)
        written += held
        held = 0
        out = ''
      }
    }
    if (out !== '') write(out)
    return { written: events.length }
  } catch (e) {
    return { written, error: E.toError(e) }
  }
}

/** lumberjack's backup name: `audit.log` rotated at 2026-11-23 10:00:00.123 UTC → `audit-2026-11-23T10-00-00.123.log`. */
export const backupName = (file: string, nowMs: number): string => {
  const ext = path.extname(file)
  const stamp = new Date(nowMs).toISOString().slice(0, 23).replace(/:/g, '-')
  return path.join(path.dirname(file), `${path.basename(file, ext)}-${stamp}${ext}`)
}
