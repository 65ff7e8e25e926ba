import * as E from 'fp-ts/lib/Either.js'
import type { UserInfo } from './user.js'

/** A parsed static token file: token → user (last line wins), and upstream's warnings as values. */
export interface TokenFile {
  readonly tokens: ReadonlyMap<string, UserInfo>
  /** Upstream's klog warnings (empty and duplicate tokens), for the caller to log. */
  readonly warnings: ReadonlyArray<string>
}

/** Why a token file was refused: the file, the 1-based line, and the message naming that line. */
export interface TokenFileError {
  readonly _tag: 'TokenFileError'
  readonly path: string
  /** 1-based line of the bad record; 0 when the file could not be read at all. */
  readonly line: number
  readonly message: string
}

/**
 * Parses upstream's static token file (`--token-auth-file`): CSV as Go's `encoding/csv` reads it (quoted
 * fields with `""` escapes and embedded newlines, `\r\n` line ends, empty lines skipped, a bare `"` in an
 * unquoted field or text after a closing quote refused), one record `token,user name,uid[,"g1,g2"]` each;
 * columns after the fourth are ignored. Empty tokens are skipped and a duplicate token replaces the
 * earlier one, each with upstream's warning text. Never throws.
 * Port note: CSV errors keep Go's text (`parse error on line 2, column 5: bare " in non-quoted-field`) with
 * columns counted in UTF-16 units, not bytes; a short record gets upstream's message prefixed with
 * `record on line <n>: ` so the line is named.
 * @example
 * parseTokenFile('tokens.csv', 'secret,alice,uid-1,"dev,ops"\n') // Right({ tokens: Map { 'secret' => alice } })
 */
export const parseTokenFile = (path: string, text: string): E.Either<TokenFileError, TokenFile> => {
  const records = parseCsv(text)
  if (E.isLeft(records)) return E.left({ _tag: 'TokenFileError', path, line: records.left.line, message: records.left.message })
  const tokens = new Map<string, UserInfo>()
  const warnings: string[] = []
  let recordNum = 0
  for (const { line, fields } of records.right) {
    if (fields.length < 3) {
      const message = `record on line ${line}: token file '${path}' must have at least 3 columns (token, user name, user uid), found ${fields.length}`
      return E.left({ _tag: 'TokenFileError', path, line, message })
    }
    recordNum++
    const [token = '', name = '', uid = ''] = fields
    if (token === '') {
      warnings.push(`empty token has been found in token file '${path}', record number '${recordNum}'`)
      continue
    }
    if (tokens.has(token)) warnings.push(`duplicate token has been found in token file '${path}', record number '${recordNum}'`)
    tokens.set(token, { name, uid, groups: fields.length >= 4 ? (fields[3] ?? '').split(',') : [], extra: {} })
  }
  return E.right({ tokens, warnings })
}

interface CsvRecord {
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

interface CsvError {
  readonly line: number
  readonly message: string
}

const bareQuote = 'bare " in non-quoted-field'
const badQuote = 'extraneous or missing " in quoted-field'

/** Go `encoding/csv` with default options (comma, no comments, strict quotes, variable field counts). */
const parseCsv = (text: string): E.Either<CsvError, ReadonlyArray<CsvRecord>> => {
  const normalized = text.replace(/\r\n/g, '\n')
  const lines = (normalized.endsWith('\r') ? normalized.slice(0, -1) : normalized).split('\n')
  // a final '' is the end of the input, not a line
  const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length
  const records: CsvRecord[] = []
  let i = 0
  while (i < count) {
    if (lines[i] === '') {
      i++
      continue
    }
    const parsed = parseRecord(lines, count, i)
    if (E.isLeft(parsed)) return parsed
    records.push({ line: i + 1, fields: parsed.right.fields })
    i = parsed.right.next
  }
  return E.right(records)
}

interface Parsed {
  readonly fields: ReadonlyArray<string>
  /** Index of the line after the record. */
  readonly next: number
}

/** Where the parser is: line index `i`, offset `p` in it; `first` is the record's first line index. */
interface Cursor {
  readonly lines: ReadonlyArray<string>
  readonly count: number
  readonly first: number
  i: number
  p: number
}

/** One field and whether it ended the record. */
interface Field {
  readonly value: string
  readonly last: boolean
}

const parseError = (c: Cursor, column: number, err: string): E.Either<CsvError, never> => {
  const where = c.first === c.i ? '' : `record on line ${c.first + 1}; `
  return E.left({ line: c.i + 1, message: `${where}parse error on line ${c.i + 1}, column ${column}: ${err}` })
}

/** Parses the record starting at line index `first`; quoted fields may run over several lines. */
const parseRecord = (lines: ReadonlyArray<string>, count: number, first: number): E.Either<CsvError, Parsed> => {
  const c: Cursor = { lines, count, first, i: first, p: 0 }
  const fields: string[] = []
  for (;;) {
    const line = lines[c.i] ?? ''
    const field = line.charCodeAt(c.p) === 0x22 ? quotedField(c) : unquotedField(c, line)
    if (E.isLeft(field)) return field
    fields.push(field.right.value)
    if (field.right.last) return E.right({ fields, next: c.i + 1 })
  }
}

const unquotedField = (c: Cursor, line: string): E.Either<CsvError, Field> => {
  const comma = line.indexOf(',', c.p)
  const value = comma < 0 ? line.slice(c.p) : line.slice(c.p, comma)
  const quote = value.indexOf('"')
  if (quote >= 0) return parseError(c, c.p + quote + 1, bareQuote)
  c.p = comma + 1
  return E.right({ value, last: comma < 0 })
}

const quotedField = (c: Cursor): E.Either<CsvError, Field> => {
  let value = ''
  let line = c.lines[c.i] ?? ''
  c.p++
  for (;;) {
    const quote = line.indexOf('"', c.p)
    if (quote < 0) {
      const newline = c.i < c.lines.length - 1
      value += line.slice(c.p) + (newline ? '\n' : '')
      if (c.i + 1 >= c.count) return parseError(c, line.length + (newline ? 2 : 1), badQuote)
      line = c.lines[++c.i] ?? ''
      c.p = 0
      continue
    }
    value += line.slice(c.p, quote)
    c.p = quote + 2
    const next = line.charCodeAt(quote + 1)
    if (next === 0x22) value += '"'
    else if (next === 0x2c) return E.right({ value, last: false })
    else if (quote + 1 === line.length) return E.right({ value, last: true })
    else return parseError(c, quote + 2, badQuote)
  }
}
