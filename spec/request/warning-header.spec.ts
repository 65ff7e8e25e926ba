import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newWarningHeader, newWarningHeaderList, runeCount, truncateRunes, warningLimits } from '../../src/request/warning-header.js'

const header = suite('newWarningHeader')

header('formats code, agent and quoted text', () => {
  assert.equal(newWarningHeader(299, 'myagent', 'mytext'), E.right('299 myagent "mytext"'))
  assert.equal(newWarningHeader(7, 'a', 'b'), E.right('007 a "b"'))
})

header('writes an empty agent as -', () => {
  assert.equal(newWarningHeader(299, '', 'mytext'), E.right('299 - "mytext"'))
})

header('escapes quotes and backslashes in the text', () => {
  assert.equal(newWarningHeader(299, '-', 'say "hi" \\ bye'), E.right('299 - "say \\"hi\\" \\\\ bye"'))
})

header('keeps non-ASCII text as it is', () => {
  assert.equal(newWarningHeader(299, 'ägent', 'Iñtërnâtiônàlizætiøn ✓'), E.right('299 ägent "Iñtërnâtiônàlizætiøn ✓"'))
})

header('rejects codes outside 0..999', () => {
  assert.equal(newWarningHeader(1000, '', 'x'), E.left('code must be between 0 and 999'))
  assert.equal(newWarningHeader(-1, '', 'x'), E.left('code must be between 0 and 999'))
})

header('rejects agents with spaces, quotes, backslashes, controls or bad UTF-8', () => {
  const agentError = E.left('agent must be valid UTF-8 and must not contain spaces, quotes, backslashes, or control characters')
  for (const agent of ['my agent', 'a\tb', 'a"b', 'a\\b', 'a\u0085b', 'a\u00a0b', 'a\u3000b', 'a\u0001b', 'a\u007fb', 'a\ud800b']) {
    assert.equal(newWarningHeader(299, agent, 'text'), agentError, JSON.stringify(agent))
  }
})

header('rejects texts with control characters or bad UTF-8, but not spaces', () => {
  const textError = E.left('text must be valid UTF-8 and must not contain control characters')
  for (const text of ['my\ntext', 'a\tb', 'a\u009fb', 'a\udc00'])
    assert.equal(newWarningHeader(299, '', text), textError, JSON.stringify(text))
  assert.equal(newWarningHeader(299, '', 'a b\u00a0c'), E.right('299 - "a b\u00a0c"'))
})

const runes = suite('runeCount and truncateRunes')

runes('count code points, not UTF-16 units', () => {
  assert.is(runeCount('Iñtërnâtiô'), 10)
  assert.is(runeCount('😀😀'), 2)
  assert.is(runeCount('a\ud800b'), 3)
  assert.is(runeCount(''), 0)
})

runes('cut on a code point boundary and turn lone surrogates into U+FFFD', () => {
  assert.is(truncateRunes('Iñtërnâtiô', 5), 'Iñtër')
  assert.is(truncateRunes('😀😀😀', 2), '😀😀')
  assert.is(truncateRunes('a\ud800bc', 3), 'a\ufffdb')
  assert.is(truncateRunes('ab', 5), 'ab')
})

runes('agree with the string iterator for any text', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'ñ', '✓', '😀', '\ud800', '\udc00', '"'), maxLength: 30 }), fc.nat(32), (s, n) => {
      const cps = [...s]
      assert.is(runeCount(s), cps.length)
      assert.is(runeCount(truncateRunes(s, n)), Math.min(n, cps.length))
    }),
    { numRuns: 300 },
  )
})

const list = suite('newWarningHeaderList')

const record = (adds: ReadonlyArray<readonly [string, string]>, limits = warningLimits) => {
  let truncations = 0
  const l = newWarningHeaderList(limits, () => truncations++)
  for (const [agent, text] of adds) l.add(agent, text)
  return { values: l.values(), truncating: l.truncating(), truncations }
}

// Upstream's Test_recorder_AddWarning.
list('records warnings as upstream does', () => {
  assert.equal(record([]).values, [])
  assert.equal(record([['', '']]).values, [])
  assert.equal(record([['', 'mytext']]).values, ['299 - "mytext"'])
  assert.equal(record([['myagent', 'mytext']]).values, ['299 myagent "mytext"'])
  assert.equal(
    record([
      ['myagent', 'mytext'],
      ['myagent2', 'mytext'],
    ]).values,
    ['299 myagent "mytext"'],
  )
  assert.equal(
    record([
      ['', 'mytext1'],
      ['', 'mytext2'],
      ['', 'mytext3'],
    ]).values,
    ['299 - "mytext1"', '299 - "mytext2"', '299 - "mytext3"'],
  )
  assert.equal(record([['my agent', 'mytext']]).values, [])
  assert.equal(record([['myagent', 'my\ntext']]).values, [])
})

list('counts an invalid warning as seen', () => {
  assert.equal(
    record([
      ['bad agent', 'mytext'],
      ['', 'mytext'],
    ]).values,
    [],
  )
})

// Upstream's TestTruncation, with limits 25/5.
list('truncates as upstream does once the total is exceeded', () => {
  const small = { totalRunes: 25, itemRunes: 5 }
  const first: Array<readonly [string, string]> = [
    ['', 'aaaaaaaaaa'],
    ['-', 'aaaaaaaaaa'],
    ['', 'bb'],
    ['', 'ccc'],
    ['', 'Iñtërnâtiô'],
  ]
  const before = record(first, small)
  assert.equal(before.values, ['299 - "aaaaaaaaaa"', '299 - "bb"', '299 - "ccc"', '299 - "Iñtërnâtiô"'])
  assert.is(before.truncating, false)
  const after = record([...first, ['', 'e'], ['', 'ffffffffff'], ['', 'ffffffffff'], ['', 'gggggggggg'], ['', 'h']], small)
  assert.equal(after.values, ['299 - "aaaaa"', '299 - "bb"', '299 - "ccc"', '299 - "Iñtër"', '299 - "e"', '299 - "fffff"', '299 - "ggggg"'])
  assert.is(after.truncating, true)
  assert.is(after.truncations, 1)
})

list('fills exactly up to the total without truncating', () => {
  const r = record(
    [
      ['', 'aaaaa'],
      ['', 'bbbbb'],
    ],
    { totalRunes: 10, itemRunes: 2 },
  )
  assert.equal(r.values, ['299 - "aaaaa"', '299 - "bbbbb"'])
  assert.is(r.truncations, 0)
})

list('a cut text may become valid: a lone surrogate turns into U+FFFD', () => {
  const r = record(
    [
      ['', 'abcdef'],
      ['', 'ghijkl'],
      ['', 'x\ud800yz'],
    ],
    { totalRunes: 10, itemRunes: 3 },
  )
  assert.equal(r.values, ['299 - "abc"', '299 - "ghi"', '299 - "x\ufffdy"'])
})

header.run()
runes.run()
list.run()
