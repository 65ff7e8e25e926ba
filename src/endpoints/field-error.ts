/** The kind of a field error, as apimachinery's `field.ErrorType` (its cause type is `FieldValue<Kind>`). */
export type FieldErrorType = 'Invalid' | 'Required' | 'Forbidden' | 'TooLong' | 'Duplicate' | 'NotSupported'

/** One validation error on one field (apimachinery `field.Error`). */
export interface FieldError {
  readonly type: FieldErrorType
  /** The field path as apimachinery prints it: `metadata.name`, `data[key]`; `''` means the whole object. */
  readonly field: string
  /** The bad value, already rendered (`"Bad_Name"`, `1`); only for value-carrying types. */
  readonly value?: string
  readonly detail: string
}

const typeText: Readonly<Record<FieldErrorType, string>> = {
  Invalid: 'Invalid value',
  Required: 'Required value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  Duplicate: 'Duplicate value',
  NotSupported: 'Unsupported value',
}

/** `field.Invalid(path, value, detail)`; `value` is rendered as Go's `%q` for strings, else plainly. */
export const invalidField = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'Invalid',
  field,
  value: renderValue(value),
  detail,
})

/** `field.NotSupported(path, value, supported)`: `value` already rendered as Go prints it; the supported values quoted. */
export const notSupportedField = (field: string, value: string, supported: ReadonlyArray<string>): FieldError => ({
  type: 'NotSupported',
  field,
  value,
  detail: `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}`,
})

/** `field.Required(path, detail)`. */
export const requiredField = (field: string, detail: string): FieldError => ({ type: 'Required', field, detail })

/** `field.Forbidden(path, detail)`. */
export const forbiddenField = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail })

/** `field.TooLong(path, _, max)` for byte sizes. */
export const tooLongField = (field: string, maxBytes: number): FieldError => ({
  type: 'TooLong',
  field,
  detail: `must have at most ${maxBytes} bytes`,
})

/** The error without its field (`ErrorBody`): `Invalid value: "x": detail`, `Required value: detail`. */
export const fieldErrorBody = (e: FieldError): string => {
  const head = e.value === undefined ? typeText[e.type] : `${typeText[e.type]}: ${e.value}`
  return e.detail === '' ? head : `${head}: ${e.detail}`
}

/** The whole error (`Error()`): `<field>: <body>`. */
export const fieldErrorText = (e: FieldError): string => `${e.field}: ${fieldErrorBody(e)}`

/** The Status cause type of a field error (`FieldValueInvalid`, ...). */
export const fieldCauseType = (e: FieldError): string => `FieldValue${e.type}`

/**
 * Renders a value as field errors print it: strings quoted (Go `%q`), numbers, booleans and null
 * plainly; objects and arrays by their JSON type name, quoted.
 * Port note: Go prints compound values with `%#v`; a JSON type name is the honest equivalent here.
 */
export const renderValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null || value === undefined) return 'null'
  return Array.isArray(value) ? '"array"' : '"object"'
}
