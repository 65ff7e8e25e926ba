/** One media range of an `Accept` header. */
export interface AcceptClause {
  readonly type: string
  readonly subType: string
  readonly q: number
  readonly params: number
}

/**
 * Parses an `Accept` header as goautoneg's `ParseAccept` (what kube-openapi's handlers use): one clause
 * per media range, a lone `*` meaning `*\/*`, malformed ranges skipped; sorted by `q` (highest first),
 * then concrete types and subtypes before wildcards, then more parameters first. An absent or empty
 * header is `*\/*`.
 */
export const parseAccept = (header: string | undefined): ReadonlyArray<AcceptClause> => {
  const out: AcceptClause[] = []
  for (const part of (header === undefined || header === '' ? '*/*' : header).split(',')) {
    const [range = '', ...params] = part.split(';')
    const [type = '', subType] = range.split('/', 2).map((s) => s.trim())
    if (subType === undefined && type !== '*') continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = q === undefined ? 1 : Number.parseFloat(q.slice(2))
    out.push({ type, subType: subType ?? '*', q: Number.isNaN(value) ? 0 : value, params: params.length - (q === undefined ? 0 : 1) })
  }
  return out.sort(byPreference)
}

const byPreference = (a: AcceptClause, b: AcceptClause): number =>
  b.q - a.q || wild(a.type) - wild(b.type) || wild(a.subType) - wild(b.subType) || b.params - a.params

const wild = (s: string): number => (s === '*' ? 1 : 0)

/** Whether a clause admits `type/subType`. */
export const admits = (clause: AcceptClause, type: string, subType: string): boolean =>
  (clause.type === type || clause.type === '*') && (clause.subType === subType || clause.subType === '*')
