import type { Request } from './request.js'
import { unescape } from './target.js'

/** Query parameters: every value of each key, in order. */
export type Query = ReadonlyMap<string, ReadonlyArray<string>>

/**
 * Parses a raw query like Go's `url.ParseQuery`: pairs split on `&`, `+` is a space, keys and values
 * percent-decoded; a pair containing `;` or a bad escape is skipped (Go reports and drops it).
 */
export const parseQuery = (raw: string): Query => {
  const out = new Map<string, string[]>()
  if (raw === '') return out
  for (const pair of raw.split('&')) {
    if (pair === '' || pair.includes(';')) continue
    const eq = pair.indexOf('=')
    const k = decodeComponent(eq < 0 ? pair : pair.slice(0, eq))
    const v = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1))
    if (k === undefined || v === undefined) continue
    const values = out.get(k)
    if (values === undefined) out.set(k, [v])
    else values.push(v)
  }
  return out
}

const decodeComponent = (s: string): string | undefined => {
  const plain = s.indexOf('+') < 0 ? s : s.replace(/\+/g, ' ')
  if (plain.indexOf('%') < 0) return plain
  const r = unescape(plain)
  return r._tag === 'Right' ? r.right : undefined
}

const memo = new WeakMap<Request, Query>()

/** The request's parsed query, parsed on first use (most requests never need it). */
export const query = (req: Request): Query => {
  if (req.rawQuery === '') return emptyQuery
  let q = memo.get(req)
  if (q === undefined) {
    q = parseQuery(req.rawQuery)
    memo.set(req, q)
  }
  return q
}

const emptyQuery: Query = new Map()

/**
 * The first value of a query parameter, or `undefined` when absent. A query with nothing to decode
 * (no `%`, no `+`) is scanned in place: filters ask for one key per request (`timeout`), and parsing
 * the whole query into a Map for each derived Request costs more than the rest of the filter.
 */
export const queryValue = (req: Request, name: string): string | undefined => {
  const raw = req.rawQuery
  if (raw === '') return undefined
  if (raw.indexOf('%') >= 0 || raw.indexOf('+') >= 0) return query(req).get(name)?.[0]
  return scanPlain(raw, name)
}

/** `parseQuery(raw).get(name)?.[0]` for a query without escapes or `+`. */
const scanPlain = (raw: string, name: string): string | undefined => {
  for (let start = 0; start <= raw.length; ) {
    const amp = raw.indexOf('&', start)
    const end = amp < 0 ? raw.length : amp
    const eq = raw.indexOf('=', start)
    const keyEnd = eq < 0 || eq > end ? end : eq
    if (end > start && keyEnd - start === name.length && raw.startsWith(name, start)) {
      const semi = raw.indexOf(';', start)
      if (semi < 0 || semi >= end) return keyEnd === end ? '' : raw.slice(keyEnd + 1, end)
    }
    start = end + 1
  }
  return undefined
}
