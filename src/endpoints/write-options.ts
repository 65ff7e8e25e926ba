import * as E from 'fp-ts/lib/Either.js'
import { query } from '../core/query.js'
import { type Request, header } from '../core/request.js'
import { managerOrUserAgent } from './patch/manager-or-user-agent.js'
import type { ApiError } from '../core/status.js'
import { invalid } from './api-errors.js'
import { type FieldError, notSupportedField, tooLongField } from './field-error.js'

/** How unknown and duplicate fields in a body are treated (`metav1.FieldValidation*`). */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict'

/** The options of a write, from its query (`metav1.CreateOptions`, `UpdateOptions`, `PatchOptions`, `DeleteOptions`). */
export interface WriteOptions {
  /** `dryRun=All`: validate and answer as if written, store nothing. */
  readonly dryRun: boolean
  /** Upstream's default, when absent, is `Warn`. */
  readonly fieldValidation: FieldValidation
  /** `''` when absent. */
  readonly fieldManager: string
  /** Who the write's managed fields are recorded for: `fieldManager`, else the User-Agent's product (`kubectl`). */
  readonly manager: string
  /** `force=true` on an apply patch: take ownership of conflicting fields. */
  readonly force: boolean
}

/** Which options kind the query is decoded into: it names the 422 (`CreateOptions.meta.k8s.io "" is invalid`). */
export type OptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions'

const fieldManagerMaxLength = 128
const validations: ReadonlySet<string> = new Set(['', 'Ignore', 'Strict', 'Warn'])

/**
 * Reads and validates `dryRun`, `fieldValidation`, `fieldManager` and `force` as upstream's
 * `ValidateCreateOptions` (and its siblings) do: a `dryRun` other than `All`, an unknown
 * `fieldValidation`, a `fieldManager` over 128 bytes or with unprintable ones is 422 Invalid on
 * `<kind>.meta.k8s.io ""`, every problem at once, after the `leading` ones (a patch's own rules).
 * @example
 * writeOptions(req, 'CreateOptions') // right({ dryRun: false, fieldValidation: 'Warn', fieldManager: '', force: false })
 */
export const writeOptions = (
  req: Request,
  kind: OptionsKind,
  leading: ReadonlyArray<FieldError> = [],
): E.Either<ApiError, WriteOptions> => {
  const q = query(req)
  const dryRun = q.get('dryRun') ?? []
  const validation = q.get('fieldValidation')?.[0] ?? ''
  const manager = q.get('fieldManager')?.[0] ?? ''
  const errs: FieldError[] = [
    ...leading,
    ...managerErrors(kind, manager),
    ...(dryRun.every((v) => v === 'All') ? [] : [notSupportedField('dryRun', goStringSlice(dryRun), ['All'])]),
    ...(kind === 'DeleteOptions' || validations.has(validation)
      ? []
      : [notSupportedField('fieldValidation', JSON.stringify(validation), [...validations].sort())]),
  ]
  if (errs.length > 0) return E.left(invalid('meta.k8s.io', kind, '', errs))
  return E.right({
    dryRun: dryRun.length > 0,
    fieldValidation: validation === '' ? 'Warn' : (validation as FieldValidation),
    fieldManager: manager,
    manager: managerOrUserAgent(manager, header(req, 'user-agent') ?? ''),
    force: q.get('force')?.[0] === 'true',
  })
}

const managerErrors = (kind: OptionsKind, manager: string): ReadonlyArray<FieldError> => {
  if (kind === 'DeleteOptions') return []
  const errs: FieldError[] = []
  if (Buffer.byteLength(manager) > fieldManagerMaxLength) errs.push(tooLongField('fieldManager', fieldManagerMaxLength))
  let at = 0
  for (const ch of manager) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) {
      const code = ch.codePointAt(0) ?? 0
      errs.push({
        type: 'Invalid',
        field: 'fieldManager',
        value: JSON.stringify(manager),
        detail: `invalid character U+${code.toString(16).toUpperCase().padStart(4, '0')} (at position ${at})`,
      })
    }
    at += Buffer.byteLength(ch)
  }
  return errs
}

/** Go's `%#v` of a `[]string`: `[]string{"a", "b"}`. */
const goStringSlice = (values: ReadonlyArray<string>): string => `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`
