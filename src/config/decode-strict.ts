import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { type ConfigError, type Problem, configError, fromDecodeErrors } from './problems.js'

/**
 * Decodes `defaults` overridden by `overrides` with a record codec, refusing fields the codec does not
 * know (io-ts would silently keep or strip them). Every problem is reported at once.
 */
export const decodeStrict = <P extends t.Props>(
  codec: t.ReadonlyC<t.TypeC<P>>,
  defaults: t.TypeOf<t.TypeC<P>>,
  overrides: unknown,
): E.Either<ConfigError, t.TypeOf<t.TypeC<P>>> => {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return E.left(configError([{ path: '', message: `expected an object of config fields, got ${typeof overrides}` }]))
  }
  const known = new Set(Object.keys(codec.type.props))
  const unknown: Problem[] = Object.keys(overrides)
    .filter((k) => !known.has(k))
    .map((k) => ({ path: k, message: 'unknown field' }))
  const decoded = codec.decode({ ...defaults, ...(overrides as object) })
  const problems = [...unknown, ...(E.isLeft(decoded) ? fromDecodeErrors(decoded.left) : [])]
  return problems.length > 0 || E.isLeft(decoded) ? E.left(configError(problems)) : E.right(decoded.right)
}
