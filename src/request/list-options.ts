import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Query } from '../core/query.js'
import { type FieldSelector, parseFieldSelector, requiresExactMatch } from './field-selector.js'
import { isInt64 } from './int64.js'
import { validateLabelSelector } from './label-selector.js'

/** The parts of upstream's decoded `ListOptions` that RequestInfo resolution reads. */
export interface ListOptionsView {
  readonly watch: boolean
  readonly fieldSelector: FieldSelector
}

/**
 * Decodes list options from a query the way upstream's parameter codec does (url.Values to v1 to internal
 * ListOptions): the first value of each parameter counts; `timeoutSeconds` and `limit` must be int64s,
 * `labelSelector` and `fieldSelector` must parse; booleans and strings never fail. `Left` carries why.
 * @example
 * decodeListOptions(parseQuery('watch=1&fieldSelector=metadata.name%3Dweb')) // right({ watch: true, fieldSelector: [...] })
 * decodeListOptions(parseQuery('limit=ten')) // left('strconv.ParseInt: parsing "ten": invalid syntax')
 */
export const decodeListOptions = (q: Query): E.Either<string, ListOptionsView> => {
  if (q.size === 0) return E.right(noListOptions)
  const bad = badInteger(q, 'timeoutSeconds') ?? badInteger(q, 'limit')
  if (bad !== undefined) return E.left(bad)
  const labels = first(q, 'labelSelector')
  if (labels !== undefined && labels !== '') {
    const checked = validateLabelSelector(labels)
    if (E.isLeft(checked)) return checked
  }
  const fields = first(q, 'fieldSelector')
  const selector = fields === undefined ? E.right<string, FieldSelector>([]) : parseFieldSelector(fields)
  return E.map((fieldSelector: FieldSelector) => ({ watch: codecBool(first(q, 'watch')), fieldSelector }))(selector)
}

/** What a nameless GET asks for: a watch or a list, and the object a `metadata.name` field selector pins. */
export interface ListRequest {
  readonly watch: boolean
  readonly name: string
}

/**
 * Step 9 of resolution, as upstream decides it: decode the list options; on success watch by the codec's
 * rule and take the name from an exact `metadata.name` requirement that is a valid path segment; on
 * failure re-read only `watch`. The other parameters are checked only when they could change that
 * outcome (a pinned name, or a `watch` value the two rules read differently), so plain lists skip them.
 * @example
 * listRequest(parseQuery('watch=1&fieldSelector=metadata.name%3Dweb')) // { watch: true, name: 'web' }
 * listRequest(parseQuery('fieldSelector=metadata.name%3Dweb&limit=x')) // { watch: false, name: '' }
 */
export const listRequest = (q: Query): ListRequest => {
  if (q.size === 0) return notWatching
  const watchValue = first(q, 'watch')
  const fields = first(q, 'fieldSelector')
  const parsed = fields === undefined ? E.right<string, FieldSelector>([]) : parseFieldSelector(fields)
  const name = E.isRight(parsed) ? pinnedName(parsed.right) : ''
  const codecWatch = codecBool(watchValue)
  if (name === '' && codecWatch === watchRequested(q)) return { watch: codecWatch, name: '' }
  return E.isRight(decodeListOptions(q)) ? { watch: codecWatch, name } : { watch: watchRequested(q), name: '' }
}

const notWatching: ListRequest = { watch: false, name: '' }

const pinnedName = (selector: FieldSelector): string => {
  const name = O.getOrElse(() => '')(requiresExactMatch(selector, 'metadata.name'))
  return isValidPathSegmentName(name) ? name : ''
}

/** Upstream's `IsValidPathSegmentName`: not `.` or `..`, and no `/` or `%`. */
const isValidPathSegmentName = (name: string): boolean => name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%')

/**
 * Upstream's fallback when decoding fails: only `watch` is re-read, its first value lower-cased;
 * `false` and `0` are false, anything else (even an empty value) is true, absence is false.
 * @example
 * watchRequested(parseQuery('watch=FALSE')) // false
 * watchRequested(parseQuery('watch')) // true
 */
export const watchRequested = (q: Query): boolean => {
  const v = first(q, 'watch')
  if (v === undefined) return false
  const lower = v.toLowerCase()
  return lower !== 'false' && lower !== '0'
}

const noListOptions: ListOptionsView = { watch: false, fieldSelector: [] }

const first = (q: Query, name: string): string | undefined => q.get(name)?.[0]

/** strconv's error for a parameter's first value that is not an int64, if it is not. */
const badInteger = (q: Query, name: string): string | undefined => {
  const v = first(q, name)
  if (v === undefined || isInt64(v)) return undefined
  return `strconv.ParseInt: parsing ${JSON.stringify(v)}: ${/^[+-]?[0-9]+$/.test(v) ? 'value out of range' : 'invalid syntax'}`
}

/**
 * The codec's bool (`Convert_Slice_string_To_bool`): `0` or a case-insensitive `false` is false. Go's
 * `strings.EqualFold` also folds `ſ` (U+017F) to `s`, hence the extra letter.
 */
const codecBool = (v: string | undefined): boolean => v !== undefined && v !== '0' && !FALSE_FOLDED.test(v)

const FALSE_FOLDED = /^[fF][aA][lL][sS\u017f][eE]$/
