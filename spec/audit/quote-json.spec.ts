import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { quote, quoteMemo } from '../../src/audit/quote-json.js'
import { goJson } from '../../src/core/go-json.js'

const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'plain', 'a"b', 'a\\b', '\u0000\n', '<&>', '\u2028', '\ud800', 'é😀', 'x'.repeat(600)),
)

const Quote = suite('quote')

Quote('is goJson of any string', () => {
  fc.assert(fc.property(text, (s) => assert.is(quote(s), goJson(s))))
})

Quote.run()

const Memo = suite('quoteMemo')

Memo('gives what quote gives for any sequence of strings, repeated or not, past its limit too', () => {
  fc.assert(
    fc.property(fc.array(text, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (xs, limit) => {
      const q = quoteMemo(limit, 16)
      for (const s of [...xs, ...xs]) assert.is(q(s), quote(s))
    }),
  )
})

Memo.run()
