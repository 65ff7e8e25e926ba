import type { FlagSpec, FlagTable, FlagType, FlagValue } from './flag-spec.js'
import { flagSections } from './flag-spec.js'

const typeNames: Readonly<Record<FlagType, string>> = {
  string: 'string',
  int: 'int',
  float: 'float',
  float32: 'float32',
  bool: '',
  duration: 'duration',
  ip: 'ip',
  stringList: 'strings',
  namedCertKey: 'namedCertKey',
}

/** A row of the global flags section: the flag column and its help. */
export type GlobalFlagRow = readonly [string, string]

/**
 * The `--help` text, laid out as cobra's `cliflag.PrintSections` and pflag's `FlagUsagesWrapped` do: a usage
 * line, then each named section (`Generic flags:`, `Secure serving flags:`, ...) with its flags sorted by
 * name, each with its value type, help text wrapped to `columns`, and a non-zero default
 * (`(default 6443)`, `(default "0.0.0.0")`, `(default [RBAC])`, `(default 1m0s)`); last the global flags,
 * `-h, --help` and `globals` (such as `--version`).
 * @example
 * process.stdout.write(helpText(serveFlagTable))
 */
export const helpText = (
  table: FlagTable,
  command = 'kubechain serve',
  columns = 100,
  globals: ReadonlyArray<GlobalFlagRow> = [],
): string => {
  const sections = flagSections
    .map((section) => [section, table.filter((f) => f.section === section)] as const)
    .filter(([, flags]) => flags.length > 0)
    .map(([section, flags]) => `\n${section} flags:\n\n${flagUsages(flags, columns)}`)
  const global = `\nGlobal flags:\n\n${usageLines([['  -h, --help', `help for ${command.split(' ').pop() ?? command}`], ...globals], columns)}`
  return `Usage:\n  ${command} [flags]\n${sections.join('')}${global}`
}

const flagUsages = (flags: FlagTable, columns: number): string =>
  usageLines(
    [...flags].sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => [flagColumn(f), f.help + defaultNote(f)]),
    columns,
  )

const flagColumn = (f: FlagSpec): string => {
  const names = f.shorthand === undefined ? `      --${f.name}` : `  -${f.shorthand}, --${f.name}`
  const type = typeNames[f.type]
  return type === '' ? names : `${names} ${type}`
}

const usageLines = (rows: ReadonlyArray<readonly [string, string]>, columns: number): string => {
  const width = Math.max(...rows.map(([left]) => left.length))
  return rows.map(([left, usage]) => `${left.padEnd(width)}   ${wrap(usage, width + 3, columns)}\n`).join('')
}

/** Wraps at spaces to `columns`, continuation lines indented by `indent` (pflag keeps one long line below 24 columns). */
const wrap = (text: string, indent: number, columns: number): string => {
  const room = columns - indent
  if (room < 24) return text
  return text
    .split('\n')
    .map((paragraph) => wrapParagraph(paragraph, room))
    .join('\n')
    .split('\n')
    .join(`\n${' '.repeat(indent)}`)
}

const wrapParagraph = (text: string, room: number): string => {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line].join('\n')
}

const defaultNote = (f: FlagSpec): string => {
  const shown = showDefault(f.type, f.default)
  return shown === undefined ? '' : ` (default ${shown})`
}

const showDefault = (type: FlagType, value: FlagValue): string | undefined => {
  if (value === '' || value === 0 || value === false || (Array.isArray(value) && value.length === 0)) return undefined
  if (type === 'string') return JSON.stringify(value)
  if (type === 'duration' && typeof value === 'number') return goDuration(value)
  if (Array.isArray(value)) return `[${value.join(',')}]`
  return String(value)
}

/** Milliseconds as Go's `Duration.String` prints whole milliseconds: `1m0s`, `1h30m0s`, `2.5s`, `500ms`. */
const goDuration = (ms: number): string => {
  if (ms < 1000) return `${ms}ms`
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = `${(ms % 60_000) / 1000}s`
  return h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s
}
