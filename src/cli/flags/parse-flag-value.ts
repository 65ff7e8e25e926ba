import { isIP } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import { nanosToMillis, parseGoDuration } from '../../internal/go/parse-go-duration.js'
import type { SniCertKey } from '../../serve/secure-serving-info.js'
import type { FlagType, FlagValue } from './flag-spec.js'

const show = (text: string): string => JSON.stringify(text)

const boolWords: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
}

/**
 * Reads one occurrence of a flag's text as its type (pflag's `Set`): Go integers, floats and booleans
 * (`strconv.ParseBool` words), Go durations (to milliseconds), IP addresses, comma lists, and
 * `cert,key[:name,...]` pairs. Left: what was expected and what was got. Never throws.
 * Port note: integers are decimal only (Go also takes `0x`, `0o`, `0b` and `_`); comma lists are split on
 * every comma (pflag reads them as CSV, so a quoted item may hold a comma).
 * @example
 * parseFlagValue('duration', '1m30s') // right(90000)
 * parseFlagValue('duration', 'soon')  // left('expected a duration like 1m30s, got "soon"')
 */
export const parseFlagValue = (type: FlagType, text: string): E.Either<string, FlagValue> => {
  switch (type) {
    case 'string':
      return E.right(text)
    case 'int':
      return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text))
        ? E.right(Number(text))
        : E.left(`expected an integer, got ${show(text)}`)
    case 'float':
    case 'float32':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? E.right(Number(text)) : E.left(`expected a number, got ${show(text)}`)
    case 'bool':
      return text in boolWords ? E.right(boolWords[text] === true) : E.left(`expected true or false, got ${show(text)}`)
    case 'duration':
      return E.bimap(() => `expected a duration like 1m30s, got ${show(text)}`, nanosToMillis)(parseGoDuration(text))
    case 'ip':
      return isIP(text.trim()) !== 0 ? E.right(text.trim()) : E.left(`expected an IP address, got ${show(text)}`)
    case 'stringList':
      return E.right(text === '' ? [] : text.split(','))
    case 'namedCertKey':
      return E.map((k: SniCertKey) => [k])(parseNamedCertKey(text))
  }
}

/** Upstream's `NamedCertKey.Set`: `certfile,keyfile` or `certfile,keyfile:name1,name2`, items trimmed. */
const parseNamedCertKey = (text: string): E.Either<string, SniCertKey> => {
  const colon = text.indexOf(':')
  const pair = (colon < 0 ? text : text.slice(0, colon)).trim()
  const names = colon < 0 ? undefined : text.slice(colon + 1).trim()
  const expected = `expected certfile,keyfile[:name,...], got ${show(text)}`
  if (names === '') return E.left(`${expected}: empty names list is not allowed`)
  const files = pair.split(',')
  if (files.length !== 2) return E.left(`${expected}: expected comma separated certificate and key file paths`)
  return E.right({
    certFile: (files[0] ?? '').trim(),
    keyFile: (files[1] ?? '').trim(),
    names: names === undefined ? [] : names.split(',').map((n) => n.trim()),
  })
}
