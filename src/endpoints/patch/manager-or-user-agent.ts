/**
 * The field manager of a write: the `fieldManager` given, else the User-Agent up to its first `/`
 * (`kubectl/v1.30.0 (linux/amd64)` gives `kubectl`), unprintable characters dropped, cut at 128 bytes,
 * as upstream's `managerOrUserAgent`.
 */
export const managerOrUserAgent = (fieldManager: string, userAgent: string): string => {
  if (fieldManager !== '') return fieldManager
  let out = ''
  for (const ch of userAgent.split('/')[0] ?? '') {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue
    if (Buffer.byteLength(out + ch) > 128) break
    out += ch
  }
  return out
}
