import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fieldErrorText } from '../../../src/endpoints/field-error.js'
import {
  dns1123SubdomainErrors,
  validateAnnotations,
  validateLabels,
  validateObjectName,
} from '../../../src/endpoints/rest/object-meta-validation.js'

const sub = suite('dns1123SubdomainErrors')
sub('accepts subdomains and rejects the rest', () => {
  assert.equal(dns1123SubdomainErrors('a.b-c'), [])
  assert.is(dns1123SubdomainErrors('A').length, 1)
  assert.equal(dns1123SubdomainErrors('a'.repeat(254)), ['must be no more than 253 characters'])
})
sub.run()

const name = suite('validateObjectName')
name('requires a name unless generateName is set', () => {
  assert.equal(validateObjectName('', false).map(fieldErrorText), ['metadata.name: Required value: name or generateName is required'])
  assert.equal(validateObjectName('', true), [])
})
name('quotes the bad name', () => {
  assert.ok(
    fieldErrorText(validateObjectName('x_y', false)[0] as never).startsWith('metadata.name: Invalid value: "x_y": a lowercase RFC 1123'),
  )
})
name.run()

const labels = suite('validateLabels')
labels('checks keys and values', () => {
  assert.equal(validateLabels({ 'example.com/app': 'web', a: '' }, 'metadata.labels'), [])
  assert.equal(validateLabels({ 'Bad_Prefix/x': 'v' }, 'f').map(fieldErrorText), [
    "f: Invalid value: \"Bad_Prefix/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ])
  assert.is(validateLabels({ a: 'x'.repeat(64) }, 'f').length, 1)
})
labels.run()

const annotations = suite('validateAnnotations')
annotations('checks keys only', () => {
  assert.equal(validateAnnotations({ 'a/b': 'any value at all!' }, 'metadata.annotations'), [])
  assert.equal(validateAnnotations({ '': 'v' }, 'm').map(fieldErrorText), ['m: Invalid value: "": name part must be non-empty'])
})
annotations.run()
