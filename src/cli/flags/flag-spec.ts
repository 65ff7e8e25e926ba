import type { SniCertKey } from '../../serve/secure-serving-info.js'

/**
 * How a flag's text becomes a value, after pflag's value types: `string`, `int`, `float` (float64),
 * `float32` (read as a float64, named so in help), `bool`, `duration` (Go syntax, stored in milliseconds),
 * `ip`, `stringList` (StringSlice: comma lists, repeats append) and `namedCertKey` (`cert,key[:name1,name2]`,
 * repeats append).
 */
export type FlagType = 'string' | 'int' | 'float' | 'float32' | 'bool' | 'duration' | 'ip' | 'stringList' | 'namedCertKey'

/** A parsed flag value; durations are milliseconds. */
export type FlagValue = string | number | boolean | ReadonlyArray<string> | ReadonlyArray<SniCertKey>

/**
 * Upstream's named flag sections (cobra `NamedFlagSets`), in the order help prints them, then `Client`:
 * the command's own flags for clients of the server (`--write-kubeconfig`), which set no server option.
 */
export const flagSections = [
  'Generic',
  'Secure serving',
  'Authentication',
  'Authorization',
  'Auditing',
  'Features',
  'Logs',
  'Traces',
  'Client',
] as const
/** One of `flagSections`. */
export type FlagSection = (typeof flagSections)[number]

/**
 * One command-line flag as data: its upstream name (without dashes), an optional one-letter shorthand,
 * its section, value type, default, help text, and `path`, the dotted `ServeOptions` field it sets (or,
 * under `cli.`, the `CliSettings` field of the command itself).
 */
export interface FlagSpec {
  readonly name: string
  readonly shorthand?: string
  readonly section: FlagSection
  readonly type: FlagType
  readonly default: FlagValue
  readonly help: string
  readonly path: string
}

/** A set of flags; names and shorthands are unique. */
export type FlagTable = ReadonlyArray<FlagSpec>
