import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fieldErrorText } from '../../../src/endpoints/field-error.js'
import { defaultStrategy, validateObjectMeta } from '../../../src/endpoints/rest/resource-strategy.js'

const meta = suite('validateObjectMeta')

meta('accepts a subdomain name, or none with a generateName', () => {
  assert.equal(validateObjectMeta({ metadata: { name: 'web.example', labels: { app: 'web' } } }), [])
  assert.equal(validateObjectMeta({ metadata: { generateName: 'web-' } }), [])
})

meta('names each field that is wrong', () => {
  const errs = validateObjectMeta({ metadata: { labels: { 'a/b/c': 'x' }, annotations: { '-bad': 'y' } } }).map((e) => e.field)
  assert.equal(errs, ['metadata.name', 'metadata.labels', 'metadata.annotations'])
  assert.equal(
    validateObjectMeta({ metadata: { name: 'Web' } })
      .map(fieldErrorText)
      .map((t) => t.slice(0, 35)),
    ['metadata.name: Invalid value: "Web"'],
  )
})

meta.run()

const strategy = suite('defaultStrategy')

strategy('accepts any decoded object and validates its metadata on create and update', () => {
  const w = { metadata: { name: 'w' }, spec: { anything: [1] } }
  assert.equal(defaultStrategy.decode(w), E.right(w))
  assert.equal(defaultStrategy.validate(w), [])
  assert.is(defaultStrategy.validateUpdate({ metadata: { name: 'W' } }, w).length, 1)
})

strategy.run()
