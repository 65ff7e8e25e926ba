import * as E from 'fp-ts/lib/Either.js'
import { goSyntaxError } from './go-regexp-class.js'

/** A counted repetition `{min,max}` (max -1 = unbounded) and the counted repetitions nested in it. */
export interface Counted {
  readonly min: number
  readonly max: number
  readonly nested: ReadonlyArray<Counted>
}

/** Go's limit on any count, and on the product of nested counts. */
export const maxRepeat = 1000

/**
 * A count `{n}`, `{n,}` or `{n,m}` at `pos` and the index after it; `undefined` when the brace does not
 * start one (Go then reads a literal `{`); Go's "invalid repeat count" for a count over 1000 or min > max.
 */
export const parseCount = (src: string, pos: number): E.Either<string, readonly [Counted, number]> | undefined => {
  const m = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(src.slice(pos))
  if (m === null) return undefined
  const min = Number(m[1])
  const max = m[2] === undefined ? min : m[3] === undefined ? -1 : Number(m[3])
  if (min > maxRepeat || max > maxRepeat || (max >= 0 && min > max)) return E.left(goSyntaxError('invalid repeat count', m[0]))
  return E.right([{ min, max, nested: [] }, pos + m[0].length])
}

/** Go's `repeatIsValid`: along every path of nested counts, the copies made may not exceed `n`. */
export const repeatIsValid = (c: Counted, n: number): boolean => {
  if (c.max === 0) return true
  const m = c.max < 0 ? c.min : c.max
  if (m > n) return false
  const rest = m > 0 ? Math.floor(n / m) : n
  return c.nested.every((sub) => repeatIsValid(sub, rest))
}

/** The JavaScript quantifier: `op` (`*`, `+`, `?`) or the count, then `?` when lazy. */
export const quantifier = (op: string, count: Counted | undefined, lazy: boolean): string => {
  const q = count === undefined ? op : count.max === count.min ? `{${count.min}}` : `{${count.min},${count.max < 0 ? '' : count.max}}`
  return lazy ? `${q}?` : q
}
