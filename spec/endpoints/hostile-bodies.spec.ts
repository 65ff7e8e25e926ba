import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeObject, maxStrictErrorChars } from '../../src/endpoints/decode-object.js'
import type { FieldValidation } from '../../src/endpoints/write-options.js'
import { definition, models } from './fixture-models.js'

// Bodies a hostile client sends to the decoders: each gets a bounded answer, never a throw.
const test = suite('hostile bodies')
const decode = (text: string, validation: FieldValidation) => decodeObject(Buffer.from(text), 'json', definition, models, validation)
const message = (text: string): string => {
  const r = decode(text, 'Strict')
  if (E.isRight(r) || r.left._tag !== 'Status') throw new Error('expected a Status')
  return r.left.status.message
}

/** A long key above many duplicates: each duplicate's path repeats the key. */
const longKeyDuplicates = (keyLength: number, duplicates: number): string =>
  `{"metadata":{"name":"a"},"${'k'.repeat(keyLength)}":{${Array.from({ length: duplicates }, () => '"a":1').join(',')}}}`

test('strict errors under a long key name fields only up to a bound, the first always', () => {
  const text = longKeyDuplicates(10_000, 2_000)
  const m = message(text)
  assert.ok(m.length < 2 * maxStrictErrorChars, `message of ${m.length} characters`)
  assert.ok(
    m.startsWith(
      `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "${'k'.repeat(10_000)}", duplicate field "${'k'.repeat(10_000)}.a"`,
    ),
  )
})

test('Warn: the warnings of such a body are bounded the same way', () => {
  const r = decode(longKeyDuplicates(10_000, 2_000), 'Warn')
  if (E.isLeft(r)) throw new Error('expected the object')
  const chars = r.right.warnings.reduce((n, w) => n + w.length, 0)
  assert.ok(chars < 2 * maxStrictErrorChars, `warnings of ${chars} characters`)
  assert.ok(r.right.warnings.length > 1)
})

test('a single field path longer than the bound is still a strict error', () => {
  const key = 'k'.repeat(maxStrictErrorChars + 10)
  assert.is(
    message(`{"metadata":{"name":"a"},"${key}":1}`),
    `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "${key}"`,
  )
})

test('a body nested past 1000 levels is 400, JSON or YAML, so no stored object is too deep to encode', () => {
  const deep = (n: number) => `{"metadata":{"name":"a"},"spec":${'['.repeat(n)}${']'.repeat(n)}}`
  assert.is(message(deep(100_000)), "couldn't get version/kind; json parse error: exceeded max depth of 1000")
  const yaml = decodeObject(
    Buffer.from(`metadata: {name: a}\nspec: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}\n`),
    'yaml',
    definition,
    models,
    'Ignore',
  )
  assert.ok(E.isLeft(yaml) && yaml.left._tag === 'Status' && yaml.left.status.code === 400)
  assert.ok(E.isRight(decode(deep(998), 'Ignore')))
})

const yamlObject = (text: string) => decodeObject(Buffer.from(text), 'yaml', definition, models, 'Ignore')

test('YAML merge keys merge, as go-yaml reads them', () => {
  const r = yamlObject('base: &b {x: "1", y: "2"}\ndata:\n  <<: *b\n  y: "3"\n')
  assert.equal(E.map((d: { object: unknown }) => d.object)(r), E.right({ base: { x: '1', y: '2' }, data: { x: '1', y: '3' } }))
})

test('YAML merge keys count against the alias limit: a merge bomb is 400', () => {
  const bomb =
    'a: &a {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v}\nb: &b {<<: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]}\nc: &c {<<: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]}\nd: {<<: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]}\n'
  const r = yamlObject(bomb)
  assert.ok(E.isLeft(r) && r.left._tag === 'Status' && r.left.status.code === 400)
})

test('!!binary is its bytes as a string, as go-yaml decodes it', () => {
  const r = yamlObject('data:\n  a: !!binary aGVsbG8=\n')
  assert.equal(E.map((d: { object: unknown }) => d.object)(r), E.right({ data: { a: 'hello' } }))
})

test.run()
