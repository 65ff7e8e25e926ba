import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { chainErrorMessage, insertAfter, insertBefore, replace, without } from '../../src/chains/index.js'
import { type Chain, identity, step } from '../../src/core/index.js'

const s = (name: string) => step(name, identity)
const base: Chain = [s('a'), s('b'), s('c')]
const namesOf = (r: E.Either<unknown, Chain>) =>
  pipe(
    r,
    E.map((c) => c.map((x) => x.name)),
  )

const edits = suite('chain edits')

edits('insertBefore puts steps just outside the anchor', () => {
  assert.equal(namesOf(insertBefore('b', s('x'), s('y'))(base)), E.right(['a', 'x', 'y', 'b', 'c']))
})

edits('insertAfter puts steps just inside the anchor', () => {
  assert.equal(namesOf(insertAfter('c', s('x'))(base)), E.right(['a', 'b', 'c', 'x']))
  assert.equal(namesOf(insertAfter('a', s('x'))(base)), E.right(['a', 'x', 'b', 'c']))
})

edits('replace swaps a step in place, without swaps it out', () => {
  assert.equal(namesOf(replace('b', s('z'))(base)), E.right(['a', 'z', 'c']))
  assert.equal(namesOf(replace('b', s('b'))(base)), E.right(['a', 'b', 'c']))
  assert.equal(namesOf(without('a')(base)), E.right(['b', 'c']))
})

edits('a missing anchor is a StepNotFound naming it', () => {
  for (const edit of [insertBefore('nope', s('x')), insertAfter('nope', s('x')), replace('nope', s('x')), without('nope')]) {
    assert.equal(edit(base), E.left({ _tag: 'StepNotFound', name: 'nope' }))
  }
  assert.is(chainErrorMessage({ _tag: 'StepNotFound', name: 'nope' }), 'no step named "nope" in the chain')
})

edits('inserting a name already present is a DuplicateStep', () => {
  assert.equal(insertBefore('a', s('c'))(base), E.left({ _tag: 'DuplicateStep', name: 'c' }))
  assert.equal(insertAfter('a', s('x'), s('x'))(base), E.left({ _tag: 'DuplicateStep', name: 'x' }))
  assert.equal(replace('a', s('b'))(base), E.left({ _tag: 'DuplicateStep', name: 'b' }))
})

edits('edits compose with E.chain and leave the original chain alone', () => {
  const r = pipe(base, insertBefore('a', s('first')), E.chain(without('c')), E.chain(insertAfter('b', s('last'))))
  assert.equal(namesOf(r), E.right(['first', 'a', 'b', 'last']))
  assert.equal(
    base.map((x) => x.name),
    ['a', 'b', 'c'],
  )
})

edits.run()
