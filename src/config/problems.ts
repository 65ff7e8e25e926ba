import * as RA from 'fp-ts/lib/ReadonlyArray.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type * as t from 'io-ts'

/** One configuration problem: where (a dotted path or a flag), what was expected, what was got. */
export interface Problem {
  readonly path: string
  readonly message: string
}

/** Every problem of a configuration, found at once. */
export interface ConfigError {
  readonly _tag: 'ConfigError'
  readonly problems: ReadonlyArray<Problem>
}

/** Wraps problems into a ConfigError. */
export const configError = (problems: ReadonlyArray<Problem>): ConfigError => ({ _tag: 'ConfigError', problems })

/**
 * A problem with a file a flag names, printed `--flag file: message` (the message may start with `line <n>: `);
 * problems of several files sort by flag, then file.
 * @example
 * fileProblem('--token-auth-file', '/etc/tokens.csv', 'line 2: parse error on line 2, column 1: bare " in non-quoted-field')
 */
export const fileProblem = (flag: string, file: string, message: string): Problem => ({ path: `${flag} ${file}`, message })

/**
 * TaskEither's applicative that runs every task, in parallel, and keeps the problems of all that failed:
 * with `sequenceS`, every startup file is read even when the first is bad.
 */
export const everyProblem = TE.getApplicativeTaskValidation(T.ApplyPar, RA.getSemigroup<Problem>())

/**
 * The one reporter: a line per problem, sorted by path, `path: message`; a flag problem (path `--name`)
 * whose message already names the flag (upstream's texts: `--secure-port 0 must be ...`,
 * `unknown flag: --foo`) is printed as the message alone.
 * @example
 * const cfg = newConfig({ maxRequestsInFlight: -1 })
 * if (E.isLeft(cfg)) formatProblems(cfg.left.problems) // 'maxRequestsInFlight: expected a non-negative integer, got -1'
 */
export const formatProblems = (problems: ReadonlyArray<Problem>): string =>
  [...problems]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((p) => (p.path === '' || namesItsFlag(p) ? p.message : `${p.path}: ${p.message}`))
    .join('\n')

const namesItsFlag = (p: Problem): boolean =>
  p.path.startsWith('-') && (p.message.includes(p.path) || p.message.startsWith(p.path.replace(/^-+/, '')))

/** Turns io-ts decode errors into problems: the deepest key path, the codec's name, the value got. */
export const fromDecodeErrors = (errors: t.Errors, prefix = ''): ReadonlyArray<Problem> =>
  errors.map((e) => {
    const keys = e.context.map((c) => c.key).filter((k) => k !== '')
    const last = e.context[e.context.length - 1]
    const expected = e.message ?? `expected ${last?.type.name ?? 'a valid value'}`
    return { path: [prefix, ...keys].filter((k) => k !== '').join('.'), message: `${expected}, got ${show(e.value)}` }
  })

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing'
  if (typeof v === 'function') return 'a function'
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s
}
