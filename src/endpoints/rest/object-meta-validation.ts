import { type FieldError, invalidField, requiredField } from '../field-error.js'

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/

/** apimachinery's `IsDNS1123Subdomain` error texts. */
const subdomainFormat =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const qualifiedNameFormat =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const labelValueFormat =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

/** The reasons `name` is not a DNS-1123 subdomain (apimachinery `IsDNS1123Subdomain`); empty when it is one. */
export const dns1123SubdomainErrors = (name: string): ReadonlyArray<string> => {
  const errs: string[] = []
  if (name.length > 253) errs.push('must be no more than 253 characters')
  if (!DNS1123_SUBDOMAIN.test(name)) errs.push(subdomainFormat)
  return errs
}

/**
 * Validates an object's name as `ValidateObjectMeta` does for resources named by DNS subdomains:
 * required unless `generateName` is set; every subdomain rule it breaks is one error on `metadata.name`.
 */
export const validateObjectName = (name: string, hasGenerateName: boolean): ReadonlyArray<FieldError> => {
  if (name === '') return hasGenerateName ? [] : [requiredField('metadata.name', 'name or generateName is required')]
  return dns1123SubdomainErrors(name).map((msg) => invalidField('metadata.name', name, msg))
}

/** Validates label keys (qualified names) and values (`ValidateLabels`); errors are on `field`. */
export const validateLabels = (labels: Readonly<Record<string, string>> | undefined, field: string): ReadonlyArray<FieldError> => {
  if (labels === undefined) return []
  const errs: FieldError[] = []
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of qualifiedNameErrors(k)) errs.push(invalidField(field, k, msg))
    if (v !== '' && (v.length > 63 || !QUALIFIED_NAME.test(v))) errs.push(invalidField(field, v, labelValueFormat))
  }
  return errs
}

/** Validates annotation keys (qualified names, `ValidateAnnotations`); errors are on `field`. */
export const validateAnnotations = (annotations: Readonly<Record<string, string>> | undefined, field: string): ReadonlyArray<FieldError> =>
  annotations === undefined ? [] : Object.keys(annotations).flatMap((k) => qualifiedNameErrors(k).map((m) => invalidField(field, k, m)))

/** apimachinery's `IsQualifiedName`: `[prefix/]name`, the prefix a DNS subdomain, the name at most 63 characters. */
const qualifiedNameErrors = (key: string): ReadonlyArray<string> => {
  const parts = key.split('/')
  if (parts.length > 2) return [`a qualified name ${qualifiedNameFormat.replace('name part ', '')}`]
  const name = parts[parts.length - 1] as string
  const errs: string[] = parts.length === 2 ? dns1123SubdomainErrors(parts[0] as string).map((m) => `prefix part ${m}`) : []
  if (name === '') errs.push('name part must be non-empty')
  else if (name.length > 63) errs.push('name part must be no more than 63 characters')
  if (name !== '' && !QUALIFIED_NAME.test(name)) errs.push(qualifiedNameFormat)
  return errs
}
