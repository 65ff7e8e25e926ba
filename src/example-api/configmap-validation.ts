import type { ConfigMap } from './configmap-codec.js'
import { type FieldError, forbiddenField, invalidField, tooLongField } from '../endpoints/field-error.js'
import { validateAnnotations, validateLabels, validateObjectName } from '../endpoints/rest/object-meta-validation.js'

/** Upstream's cap on a ConfigMap's keys and values together (`core.MaxSecretSize`, 1 MiB). */
export const maxConfigMapBytes = 1024 * 1024

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const configKeyFormat =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

/**
 * Validates a ConfigMap as upstream's `ValidateConfigMap`: the name, labels and annotations, every
 * key of `data` and `binaryData`, no key in both, base64 binary values, and at most 1 MiB in total
 * (an error on the whole object, field `''`).
 * @example
 * validateConfigMap(configMap) // [] when valid; else field errors such as `data[a b]: Invalid value: "a b": ...`
 */
export const validateConfigMap = (cm: ConfigMap): ReadonlyArray<FieldError> => {
  const errs: FieldError[] = [
    ...validateObjectName(cm.metadata.name, false),
    ...validateLabels(cm.metadata.labels, 'metadata.labels'),
    ...validateAnnotations(cm.metadata.annotations, 'metadata.annotations'),
  ]
  let size = 0
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    errs.push(...configKeyErrors(k).map((m) => invalidField(`data[${k}]`, k, m)))
    size += Buffer.byteLength(k) + Buffer.byteLength(v)
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    errs.push(...binaryKeyErrors(cm, k, v))
    size += Buffer.byteLength(k) + Math.floor((v.length * 3) / 4) - (v.endsWith('==') ? 2 : v.endsWith('=') ? 1 : 0)
  }
  if (size > maxConfigMapBytes) errs.push(tooLongField('', maxConfigMapBytes))
  return errs
}

/**
 * Validates an update (`ValidateConfigMapUpdate`): the new object must be valid, and an immutable
 * ConfigMap may change neither `immutable` nor its data.
 */
export const validateConfigMapUpdate = (next: ConfigMap, old: ConfigMap): ReadonlyArray<FieldError> => {
  const errs = [...validateConfigMap(next)]
  if (old.immutable !== true) return errs
  const detail = 'field is immutable when `immutable` is set'
  if (next.immutable !== true) errs.push(forbiddenField('immutable', detail))
  if (!sameMap(old.data, next.data)) errs.push(forbiddenField('data', detail))
  if (!sameMap(old.binaryData, next.binaryData)) errs.push(forbiddenField('binaryData', detail))
  return errs
}

const binaryKeyErrors = (cm: ConfigMap, k: string, v: string): ReadonlyArray<FieldError> => {
  const field = `binaryData[${k}]`
  const errs = configKeyErrors(k).map((m) => invalidField(field, k, m))
  if (cm.data !== undefined && Object.hasOwn(cm.data, k)) errs.push(invalidField(field, k, 'duplicate of key present in data'))
  if (!BASE64.test(v)) errs.push(invalidField(field, v, 'must be base64 encoded'))
  return errs
}

/** apimachinery's `IsConfigMapKey`. */
const configKeyErrors = (k: string): ReadonlyArray<string> => {
  const errs: string[] = []
  if (k.length > 253) errs.push('must be no more than 253 characters')
  if (!CONFIG_KEY.test(k)) errs.push(configKeyFormat)
  if (k === '.') errs.push("must not be '.'")
  else if (k === '..') errs.push("must not be '..'")
  else if (k.startsWith('..')) errs.push("must not start with '..'")
  return errs
}

const sameMap = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean => {
  const ka = Object.keys(a ?? {})
  if (ka.length !== Object.keys(b ?? {}).length) return false
  return ka.every((k) => b !== undefined && Object.hasOwn(b, k) && b[k] === a?.[k])
}
