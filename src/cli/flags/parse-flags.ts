import * as E from 'fp-ts/lib/Either.js'
import type { Problem } from '../../config/problems.js'
import { type VersionRequest, parseVersionFlag } from '../version-flag.js'
import type { FlagSpec, FlagTable, FlagValue } from './flag-spec.js'
import { parseFlagValue } from './parse-flag-value.js'

/** What a command line set: values by `FlagSpec.path` (only flags given), and whether help was asked for. */
export interface ParsedFlags {
  readonly values: Readonly<Record<string, FlagValue>>
  readonly help: boolean
}

interface State {
  readonly values: Record<string, FlagValue>
  readonly problems: Problem[]
  readonly positional: string[]
  help: boolean
  version: VersionRequest
}

/** Everything a scan of a command line found: values by path, whether help or the version was asked for, and every problem. */
export interface ScannedFlags extends ParsedFlags {
  /** What `--version` asked for (upstream's global flag): `'false'` when not given. */
  readonly version: VersionRequest
  readonly problems: ReadonlyArray<Problem>
}

/**
 * Parses `argv` (without the command words) against `table` with pflag's rules: `--name=value`,
 * `--name value`, `--bool`, `--bool=false`, `-v=3`, `-v 3`, `-v3`; a later scalar wins, list flags
 * append (and replace the default); `--` ends flags; `--help`/`-h` ask for help (and win over problems);
 * `--version[=true|false|raw]` asks for the version (see `ScannedFlags`).
 * Every problem is reported at once, each naming its flag (`--request-timeout`); arguments that are not
 * flags are one problem with path ''. Never throws.
 * @example
 * parseFlags(['--secure-port', '8443', '--anonymous-auth=false'], serveFlagTable)
 * // right({ values: { 'secureServing.bindPort': 8443, 'authentication.anonymousAuth': false }, help: false })
 */
export const parseFlags = (
  argv: ReadonlyArray<string>,
  table: FlagTable,
  command = 'kubechain serve',
): E.Either<ReadonlyArray<Problem>, ParsedFlags> => {
  const scanned = scanFlags(argv, table, command)
  if (scanned.help) return E.right({ values: scanned.values, help: true })
  return scanned.problems.length > 0 ? E.left(scanned.problems) : E.right({ values: scanned.values, help: false })
}

/** `parseFlags` that also keeps the values of the flags that did parse beside the problems, so later checks can run on them. */
export const scanFlags = (argv: ReadonlyArray<string>, table: FlagTable, command = 'kubechain serve'): ScannedFlags => {
  const byName = new Map(table.map((f) => [f.name, f]))
  const byShorthand = new Map(table.flatMap((f) => (f.shorthand === undefined ? [] : [[f.shorthand, f] as const])))
  const s: State = { values: {}, problems: [], positional: [], help: false, version: 'false' }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const next = (): string | undefined => (i + 1 < argv.length ? argv[++i] : undefined)
    if (arg === '--') {
      s.positional.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) longFlag(s, byName, arg, next)
    else if (arg.startsWith('-') && arg.length > 1) shortFlag(s, byShorthand, arg, next)
    else s.positional.push(arg)
  }
  const args = s.positional.filter((a) => a !== '')
  if (args.length > 0)
    s.problems.push({
      path: '',
      message: `"${command}" does not take any arguments, got [${args.map((a) => JSON.stringify(a)).join(' ')}]`,
    })
  return s
}

const longFlag = (s: State, byName: ReadonlyMap<string, FlagSpec>, arg: string, next: () => string | undefined): void => {
  const body = arg.slice(2)
  if (body.startsWith('-') || body.startsWith('=')) return void s.problems.push({ path: arg, message: `bad flag syntax: ${arg}` })
  const eq = body.indexOf('=')
  const name = eq < 0 ? body : body.slice(0, eq)
  if (name === 'help') return void (s.help = true)
  if (name === 'version') return versionFlag(s, eq < 0 ? 'true' : body.slice(eq + 1))
  const spec = byName.get(name)
  if (spec === undefined) return void s.problems.push({ path: `--${name}`, message: `unknown flag: --${name}` })
  const text = eq >= 0 ? body.slice(eq + 1) : spec.type === 'bool' ? 'true' : next()
  if (text === undefined) return void s.problems.push({ path: `--${name}`, message: `flag needs an argument: --${name}` })
  set(s, spec, text)
}

/** `--version` and `--version=<true|false|raw>` (never `--version raw`: its value is optional, as pflag's `NoOptDefVal`). */
const versionFlag = (s: State, text: string): void => {
  const request = parseVersionFlag(text)
  if (E.isLeft(request)) return void s.problems.push({ path: '--version', message: request.left })
  s.version = request.right
}

const shortFlag = (s: State, byShorthand: ReadonlyMap<string, FlagSpec>, arg: string, next: () => string | undefined): void => {
  const c = arg.charAt(1)
  const rest = arg.slice(2)
  if (c === 'h') return void (s.help = true)
  const spec = byShorthand.get(c)
  if (spec === undefined) return void s.problems.push({ path: arg, message: `unknown shorthand flag: '${c}' in ${arg}` })
  const text = rest.startsWith('=') ? rest.slice(1) : rest !== '' ? rest : spec.type === 'bool' ? 'true' : next()
  if (text === undefined) return void s.problems.push({ path: `--${spec.name}`, message: `flag needs an argument: '${c}' in ${arg}` })
  set(s, spec, text)
}

const set = (s: State, spec: FlagSpec, text: string): void => {
  const parsed = parseFlagValue(spec.type, text)
  if (E.isLeft(parsed)) return void s.problems.push({ path: `--${spec.name}`, message: parsed.left })
  const isList = spec.type === 'stringList' || spec.type === 'namedCertKey'
  const before = s.values[spec.path]
  s.values[spec.path] = isList && Array.isArray(before) && Array.isArray(parsed.right) ? [...before, ...parsed.right] : parsed.right
}
