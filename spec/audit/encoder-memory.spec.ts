import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encoderMemory, plainMemory } from '../../src/audit/encoder-memory.js'
import { quote } from '../../src/audit/quote-json.js'

const Memory = suite('encoderMemory')

Memory('writes annotations again only when their keys or values or order changed, in place or not', () => {
  const memory = encoderMemory()
  let writes = 0
  const write = (m: Readonly<Record<string, string>>): string => `${++writes}:${JSON.stringify(m)}`
  const m: Record<string, string> = { a: '1' }
  assert.is(memory.annotations(m, write), '1:{"a":"1"}')
  assert.is(memory.annotations({ a: '1' }, write), '1:{"a":"1"}', 'same entries, another object')
  m['b'] = '2'
  assert.is(memory.annotations(m, write), '2:{"a":"1","b":"2"}', 'an entry added in place')
  assert.is(memory.annotations({ b: '2', a: '1' }, write), '3:{"b":"2","a":"1"}', 'another order')
  assert.is(memory.annotations({ b: '2', a: '9' }, write), '4:{"b":"2","a":"9"}', 'another value')
  assert.is(memory.annotations({}, write), '5:{}')
  assert.is(encoderMemory().annotations({}, write), '{}', 'no annotations at first are {}')
})

Memory('quotes text and times as quote does, again and again', () => {
  const memory = encoderMemory()
  for (const s of ['a<b', 'a<c', '2026-11-23T10:00:00.000000Z', '2026-11-23T10:00:00.001000Z', 'a<b', '"', '']) {
    assert.is(memory.text(s), quote(s))
    assert.is(memory.time(s), quote(s))
  }
  assert.is(
    plainMemory.annotations({ a: '1' }, (m) => JSON.stringify(m)),
    '{"a":"1"}',
  )
})

Memory.run()
