import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  fieldCauseType,
  fieldErrorBody,
  fieldErrorText,
  forbiddenField,
  invalidField,
  renderValue,
  requiredField,
  tooLongField,
} from '../../src/endpoints/field-error.js'

const texts = suite('fieldErrorText')
texts('formats each error type as apimachinery does', () => {
  assert.is(fieldErrorText(invalidField('data[a]', 'a b', 'bad key')), 'data[a]: Invalid value: "a b": bad key')
  assert.is(
    fieldErrorText(requiredField('metadata.name', 'name or generateName is required')),
    'metadata.name: Required value: name or generateName is required',
  )
  assert.is(fieldErrorText(forbiddenField('data', 'no')), 'data: Forbidden: no')
  assert.is(fieldErrorText(tooLongField('', 10)), ': Too long: must have at most 10 bytes')
})
texts.run()

const body = suite('fieldErrorBody')
body('leaves out the field, and the detail when empty', () => {
  assert.is(fieldErrorBody(invalidField('x', 1, '')), 'Invalid value: 1')
  assert.is(fieldErrorBody(requiredField('x', '')), 'Required value')
})
body.run()

const cause = suite('fieldCauseType')
cause('is FieldValue plus the type', () => {
  assert.is(fieldCauseType(invalidField('x', 1, '')), 'FieldValueInvalid')
  assert.is(fieldCauseType(requiredField('x', '')), 'FieldValueRequired')
})
cause.run()

const render = suite('renderValue')
render('quotes strings and names compound types', () => {
  assert.equal(
    [renderValue('a"b'), renderValue(3), renderValue(false), renderValue(null), renderValue([1]), renderValue({})],
    ['"a\\"b"', '3', 'false', 'null', '"array"', '"object"'],
  )
})
render.run()
