import * as fs from 'node:fs'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'

const stampPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2}\.\d{3})$/

/**
 * Removes rotated backups of `file` (lumberjack's `millRunOnce`): keeps the newest `maxBackups` (0 = all)
 * and drops those older than `maxAgeDays` (0 = no limit), by the time stamp in their names.
 * Returns the names removed; a file that cannot be listed or removed is left alone.
 */
export const pruneBackups = (file: string, maxBackups: number, maxAgeDays: number, nowMs: number): ReadonlyArray<string> => {
  const dir = path.dirname(file)
  const ext = path.extname(file)
  const prefix = `${path.basename(file, ext)}-`
  const listed = E.tryCatch(() => fs.readdirSync(dir), E.toError)
  if (E.isLeft(listed)) return []
  const backups = listed.right
    .filter((n) => n.startsWith(prefix) && n.endsWith(ext))
    .map((name) => ({ name, at: stampOf(name.slice(prefix.length, name.length - ext.length)) }))
    .filter((b): b is { name: string; at: number } => b.at !== undefined)
    .sort((a, b) => b.at - a.at)
  const cutoff = maxAgeDays > 0 ? nowMs - maxAgeDays * 86_400_000 : -Infinity
  const doomed = backups.filter((b, i) => (maxBackups > 0 && i >= maxBackups) || b.at < cutoff).map((b) => b.name)
  return doomed.filter((name) => E.isRight(E.tryCatch(() => fs.unlinkSync(path.join(dir, name)), E.toError)))
}

const stampOf = (s: string): number | undefined => {
  const m = stampPattern.exec(s)
  if (m === null) return undefined
  const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`)
  return Number.isNaN(at) ? undefined : at
}
