import * as t from 'io-ts'

/** An integer >= 0. */
export const NonNegativeInt = new t.Type<number, number, unknown>(
  'a non-negative integer',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/** A duration in milliseconds, >= 0. */
export const Millis = new t.Type<number, number, unknown>(
  'a non-negative duration in milliseconds',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/** A number within [min, max]. */
export const NumberBetween = (min: number, max: number): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    `a number from ${min} to ${max}`,
    (u): u is number => typeof u === 'number' && u >= min && u <= max,
    (u, c) => (typeof u === 'number' && u >= min && u <= max ? t.success(u) : t.failure(u, c)),
    t.identity,
  )

/** A function value (not decodable from JSON; given in code). */
export const FunctionValue = <F extends (...args: never[]) => unknown>(name: string): t.Type<F, F, unknown> =>
  new t.Type<F, F, unknown>(
    name,
    (u): u is F => typeof u === 'function',
    (u, c) => (typeof u === 'function' ? t.success(u as F) : t.failure(u, c)),
    t.identity,
  )
