import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import { parseFieldSelector, requiresExactMatch } from '../../src/request/index.js'
import { anyString } from './arbitraries.js'

const parse = suite('parseFieldSelector')

parse('splits terms on commas and each term at its operator', () => {
  assert.equal(
    parseFieldSelector('metadata.name=web,status.phase!=Failed,spec.nodeName==n1'),
    E.right([
      { field: 'metadata.name', operator: '=', value: 'web' },
      { field: 'spec.nodeName', operator: '==', value: 'n1' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
    ]),
  )
})

parse('orders terms by their raw text, like upstream sorting before it builds the selector', () => {
  const sel = parseFieldSelector('b=1,a==2,a=3')
  assert.equal(E.map((s: ReadonlyArray<{ value: string }>) => s.map((r) => r.value))(sel), E.right(['3', '2', '1']))
})

parse('the empty selector and empty terms select everything', () => {
  assert.equal(parseFieldSelector(''), E.right([]))
  assert.equal(parseFieldSelector(',,a=b,'), E.right([{ field: 'a', operator: '=', value: 'b' }]))
})

parse('unescapes \\\\, \\, and \\= in values and keeps escaped commas inside the term', () => {
  assert.equal(parseFieldSelector('a=x\\,y\\=z\\\\'), E.right([{ field: 'a', operator: '=', value: 'x,y=z\\' }]))
})

parse('a term without an operator is an error naming the selector and the term', () => {
  assert.equal(parseFieldSelector('metadata.name=name1,foo'), E.left("invalid selector: 'metadata.name=name1,foo'; can't understand 'foo'"))
})

parse('an unknown escape, a trailing backslash or a bare = in a value is an error', () => {
  assert.equal(parseFieldSelector('a=b\\n'), E.left('invalid field selector: invalid escape sequence: \\n'))
  assert.equal(parseFieldSelector('a=b\\'), E.left('invalid field selector: invalid escape sequence: \\'))
  assert.equal(parseFieldSelector('a=b=c'), E.left('invalid field selector: unescaped character in value: 61'))
  assert.ok(E.isLeft(parseFieldSelector('a===b')))
})

parse('the first operator splits: != before == before =, a lone ! stays in the field', () => {
  assert.equal(parseFieldSelector('a!b=c'), E.right([{ field: 'a!b', operator: '=', value: 'c' }]))
  assert.equal(parseFieldSelector('=x'), E.right([{ field: '', operator: '=', value: 'x' }]))
  assert.equal(parseFieldSelector('a!='), E.right([{ field: 'a', operator: '!=', value: '' }]))
})

parse('never throws, and a value escaped the upstream way parses back', () => {
  fc.assert(
    fc.property(anyString(40), (s) => E.isLeft(parseFieldSelector(s)) || E.isRight(parseFieldSelector(s))),
    { numRuns: 300 },
  )
  const escape = (v: string) => v.replace(/[\\,=]/g, (c) => `\\${c}`)
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), (v) => {
      const r = parseFieldSelector(`metadata.name=${escape(v)}`)
      return E.isRight(r) && r.right[0]?.value === v
    }),
    { numRuns: 200 },
  )
})

const exact = suite('requiresExactMatch')

exact('answers the value of the first = or == term on the field', () => {
  const sel = E.getOrElseW(() => [])(parseFieldSelector('metadata.name!=x,metadata.name==b,metadata.name=c'))
  assert.equal(requiresExactMatch(sel, 'metadata.name'), O.some('b'))
})

exact('answers none when the field is only excluded or absent', () => {
  assert.equal(requiresExactMatch([{ field: 'metadata.name', operator: '!=', value: 'x' }], 'metadata.name'), O.none)
  assert.equal(requiresExactMatch([{ field: 'spec.nodeName', operator: '=', value: 'x' }], 'metadata.name'), O.none)
})

parse.run()
exact.run()
