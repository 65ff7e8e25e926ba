// A prefix test for hot paths. On Node 20 `s.startsWith(p)` measured ~2-3x slower here than
// `s.lastIndexOf(p, 0) === 0` (which only tries position 0, so it is the same test); checking the
// prefix's last character first rejects most near misses (`/apis/apps/` against `/apis/batch/`) at once.

/** Whether `s` starts with `prefix`. */
export const hasPrefix = (s: string, prefix: string): boolean => {
  const last = prefix.length - 1
  if (last < 0) return true
  return s.length > last && s.charCodeAt(last) === prefix.charCodeAt(last) && s.lastIndexOf(prefix, 0) === 0
}
