/** One clause of an Accept header: a media range, its quality and its other parameters. */
export interface AcceptClause {
  readonly type: string
  readonly subType: string
  readonly q: number
  readonly params: Readonly<Record<string, string>>
}

/**
 * Parses an Accept header as upstream's `goautoneg.ParseAccept`: clauses split on `,`, parameters on
 * `;`, `q` read as a number (0 when it does not parse), a bare `*` read as `*\/*`, and a clause
 * without exactly one `/` skipped. Clauses come sorted by quality, then concrete types before `*`,
 * keeping the header's order otherwise. Names and values keep their case, as upstream's do.
 * Port note: a `q` that does not parse is 0 here as in Go; Go's float32 rounding of `q` is not kept.
 * @example
 * parseAccept('application/json;as=Table;v=v1;g=meta.k8s.io, application/json;q=0.9')
 */
export const parseAccept = (header: string): ReadonlyArray<AcceptClause> => {
  const clauses: AcceptClause[] = []
  for (const part of header.split(',')) {
    const clause = parseClause(trimSpaces(part))
    if (clause !== undefined) clauses.push(clause)
  }
  return clauses
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.q - a.c.q || specificity(b.c) - specificity(a.c) || a.i - b.i)
    .map(({ c }) => c)
}

/** Whether a clause admits `type/subType` (a `*` in the clause admits anything there). */
export const admits = (clause: AcceptClause, type: string, subType: string): boolean =>
  (clause.type === type || clause.type === '*') && (clause.subType === subType || clause.subType === '*')

const parseClause = (part: string): AcceptClause | undefined => {
  const [range, ...rest] = part.split(';')
  const sp = (range as string).split('/')
  const type = trimSpaces(sp[0] as string)
  const subType = sp.length === 1 && type === '*' ? '*' : sp.length === 2 ? trimSpaces(sp[1] as string) : undefined
  if (subType === undefined) return undefined
  let q = 1
  const params: Record<string, string> = {}
  for (const param of rest) {
    const eq = param.indexOf('=')
    if (eq < 0) continue
    const name = trimSpaces(param.slice(0, eq))
    if (name === 'q') q = parseQuality(param.slice(eq + 1))
    else params[name] = trimSpaces(param.slice(eq + 1))
  }
  return { type, subType, q, params }
}

/**
 * Within one quality, a concrete type before `*`, then a concrete subtype before `*`.
 * Port note: goautoneg's comparison is not a strict order across qualities; this one is.
 */
const specificity = (c: AcceptClause): number => (c.type === '*' ? 0 : 2) + (c.subType === '*' ? 0 : 1)

/**
 * Go's `strconv.ParseFloat` on the raw value (spaces are not trimmed): 0 when it fails. The pattern
 * never backtracks over a run of digits, so a long value costs its length, not its square.
 */
const parseQuality = (raw: string): number => (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw) ? Number(raw) : 0)

/** The text without leading and trailing spaces (only ` `, as goautoneg trims), in one pass: a header may hold a megabyte of them. */
const trimSpaces = (s: string): string => {
  let start = 0
  let end = s.length
  while (start < end && s.charCodeAt(start) === 32) start++
  while (end > start && s.charCodeAt(end - 1) === 32) end--
  return s.slice(start, end)
}
