import * as E from 'fp-ts/lib/Either.js'

const int64 = /^[+-]?[0-9]+$/
const int64Max = 9223372036854775807n
const int64Min = -9223372036854775808n

/**
 * Go's `strconv.ParseInt(s, 10, 64)`: an optional sign and decimal digits within int64, else `undefined`
 * (Go's error). Values past JavaScript's safe integers keep their sign and size well enough to compare.
 */
export const parseGoInt = (s: string): number | undefined => {
  if (!int64.test(s)) return undefined
  const n = BigInt(s)
  return n > int64Max || n < int64Min ? undefined : Number(n)
}

/** The CPU profile's default duration, as Go's `pprof.Profile`. */
export const defaultCpuSeconds = 30

/** Go's answer to a duration the server will not hold a request for (its `WriteTimeout` check). */
export const tooLongMessage = (maxSeconds: number): string => `profile duration exceeds server's maximum of ${maxSeconds} seconds`

/** Go's answer to a bad `seconds` on a profile that takes a window (its delta profiles). */
export const invalidSecondsMessage = 'invalid value for "seconds" - must be a positive integer'

/**
 * The duration of a CPU profile from `?seconds=` (Go's `pprof.Profile`): a value that is not an integer,
 * or not positive, means 30; more than `maxSeconds` is refused.
 */
export const cpuProfileSeconds = (raw: string | undefined, maxSeconds: number): E.Either<string, number> => {
  const n = parseGoInt(raw ?? '')
  const seconds = n === undefined || n <= 0 ? defaultCpuSeconds : n
  return seconds > maxSeconds ? E.left(tooLongMessage(maxSeconds)) : E.right(seconds)
}

/**
 * The window of a sampled profile from `?seconds=` (Go's `serveDeltaProfile`): a positive integer, at
 * most `maxSeconds`.
 */
export const windowSeconds = (raw: string, maxSeconds: number): E.Either<string, number> => {
  const n = parseGoInt(raw)
  if (n === undefined || n <= 0) return E.left(invalidSecondsMessage)
  return n > maxSeconds ? E.left(tooLongMessage(maxSeconds)) : E.right(n)
}
