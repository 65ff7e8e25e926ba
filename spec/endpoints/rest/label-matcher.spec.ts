import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { compileLabelSelector } from '../../../src/endpoints/rest/label-matcher.js'

const matches = (selector: string, labels: Record<string, string> | undefined): boolean => {
  const m = compileLabelSelector(selector)
  if (E.isLeft(m)) throw new Error(m.left)
  return m.right(labels)
}

const label = suite('compileLabelSelector')

label('matches every operator as apimachinery does', () => {
  const l = { app: 'web', tier: 'front', n: '5' }
  assert.ok(matches('', undefined))
  assert.ok(matches('app=web', l))
  assert.ok(matches('app==web', l))
  assert.not.ok(matches('app=db', l))
  assert.ok(matches('app!=db', l))
  assert.ok(matches('missing!=x', l))
  assert.ok(matches('tier in (front, back)', l))
  assert.not.ok(matches('tier in (back)', l))
  assert.ok(matches('tier notin (back)', l))
  assert.ok(matches('missing notin (back)', l))
  assert.not.ok(matches('missing in (back)', l))
  assert.ok(matches('app', l))
  assert.not.ok(matches('!app', l))
  assert.ok(matches('!missing', l))
  assert.ok(matches('n>4,n<6', l))
  assert.not.ok(matches('n>5', l))
  assert.not.ok(matches('missing<5', l))
  assert.ok(matches('app=web,tier=front', l))
  assert.not.ok(matches('app=web,tier=back', l))
})

label('rejects what labels.Parse rejects', () => {
  assert.ok(E.isLeft(compileLabelSelector('app==web,')))
  assert.ok(E.isLeft(compileLabelSelector('n>x')))
})

label('never throws', () => {
  fc.assert(
    fc.property(fc.string(), fc.dictionary(fc.string(), fc.string()), (s, labels) => {
      const m = compileLabelSelector(s)
      if (E.isRight(m)) assert.type(m.right(labels), 'boolean')
    }),
  )
})

label.run()
