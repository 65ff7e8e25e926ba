import * as fs from 'node:fs'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Deps } from '../core/deps.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'
import { makeDirectories } from '../internal/make-directories.js'
import type { AuditBackend } from './backend.js'
import { dropReporter } from './drop-reporter.js'
import { eventEncoder } from './encode-event.js'
import { lineBuffer } from './line-buffer.js'
import { pruneBackups } from './prune-backups.js'

/** The log backend's options (`--audit-log-path`, `--audit-log-maxsize` (MB), `-maxbackup`, `-maxage` (days)). */
export const LogBackendConfig = t.readonly(t.type({ path: t.string, maxSizeMB: t.number, maxBackups: t.number, maxAgeDays: t.number }))
export type LogBackendConfig = t.TypeOf<typeof LogBackendConfig>

/** Upstream's defaults: stdout; when a file is given, 100 MB files, 100 backups, 366 days. */
export const logBackendDefaults: LogBackendConfig = { path: '-', maxSizeMB: 100, maxBackups: 100, maxAgeDays: 366 }

const megabyte = 1024 * 1024

/**
 * Upstream's log backend (format `json`) with lumberjack's rotation: each event is one JSON line; a
 * call's lines are encoded into one kept buffer (`lineBuffer`) and go out in order, all in one write (one
 * per MiB of lines), cut at a line's end only where the file must rotate. Path `-` writes to stdout. A file
 * that a write would take past `maxSizeMB` (0 = 100) is renamed to
 * `<name>-<UTC yyyy-mm-ddThh-mm-ss.mmm><ext>` first; then backups beyond `maxBackups` and older than
 * `maxAgeDays` (0 = no limit) are removed. The file's missing directories are made (0700) one level at a
 * time, so one that cannot be made fails that write instead of spinning. A line longer than the file may
 * be, a failed write or an event that cannot be encoded makes `processEvents` return false; the lines
 * before it are written, and the events from it on are counted (`droppedEvents`) and logged as
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
  /** Writes the buffer's first `count` lines, as many whole lines per write as the file has room for. */
  const writeLines = (buf: Buffer, ends: ReadonlyArray<number>, count: number): Written => {
    let start = 0
    let i = 0
    try {
      while (i < count) {
        const first = (ends[i] as number) - start
        if (first > maxBytes) throw new Error(`write length ${first} exceeds maximum file size ${maxBytes}`)
        fd ??= open()
        if (size > 0 && size + first > maxBytes) rotate()
        fd ??= open()
        const last = lastFitting(ends, i, count, start + maxBytes - size)
        const end = ends[last] as number
        writeAll(fd, buf, start, end - start, (n) => void (size += n))
        start = end
        i = last + 1
      }
      return { written: i }
    } catch (e) {
      return { written: i, error: E.toError(e) }
    }
  }
  const lines = lineBuffer(eventEncoder(), batchBytes)
  const failed = dropReporter('error writing audit events', 'log', deps, errors)
  return {
    name: 'log',
    processEvents: (events) => {
      let written = 0
      let error: Error | undefined
      while (written < events.length && error === undefined) {
        const filled = lines.fill(events, written)
        const r = writeLines(lines.bytes(), lines.ends, filled.count)
        written += r.written
        error = r.error ?? filled.error
      }
      if (error !== undefined) failed.drop(events.slice(written), error)
      return written === events.length
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
  const encode = eventEncoder()
  return {
    name: 'log',
    processEvents: (events) => {
      process.stdout.write(`${events.map(encode).join('\n')}\n`, (e) => {
        if (e) failed.drop(events, e)
      })
      return true
    },
    droppedEvents: failed.count,
    shutdown: () => (failed.flush(), Promise.resolve()),
  }
}

/** Bytes of lines gathered for one write: a batch of upstream's default size (400 events) is one write. */
const batchBytes = 1024 * 1024

/** How many lines of a `writeLines` call reached the file, and why the rest did not. */
interface Written {
  readonly written: number
  readonly error?: Error
}

/** The last line from `i` (before `count`) that ends at or before byte `limit`; `i` itself when none does. */
const lastFitting = (ends: ReadonlyArray<number>, i: number, count: number, limit: number): number => {
  if ((ends[count - 1] as number) <= limit) return count - 1
  let lo = i
  let hi = count - 1 // ends[lo] fits (or lo = i), ends[hi] does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    if ((ends[mid] as number) <= limit) lo = mid
    else hi = mid
  }
  return lo
}

/** `length` bytes of `buf` from `offset` written to `fd`, however many `write(2)` calls that takes; `wrote` hears of each. */
const writeAll = (fd: number, buf: Buffer, offset: number, length: number, wrote: (n: number) => void): void => {
  let done = 0
  while (done < length) {
    const n = fs.writeSync(fd, buf, offset + done, length - done)
    if (n <= 0) throw new Error(`write returned ${n} with ${length - done} bytes left`)
    wrote(n)
    done += n
  }
}

/** lumberjack's backup name: `audit.log` rotated at 2026-11-23 10:00:00.123 UTC → `audit-2026-11-23T10-00-00.123.log`. */
export const backupName = (file: string, nowMs: number): string => {
  const ext = path.extname(file)
  const stamp = new Date(nowMs).toISOString().slice(0, 23).replace(/:/g, '-')
  return path.join(path.dirname(file), `${path.basename(file, ext)}-${stamp}${ext}`)
}
