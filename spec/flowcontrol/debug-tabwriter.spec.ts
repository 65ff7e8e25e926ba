import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { alignTabs } from '../../src/flowcontrol/debug-tabwriter.js'

const tabs = suite('alignTabs: Go tabwriter (minwidth 8, padding 1, spaces)')

tabs('pads a column to its widest cell plus one', () => {
  assert.is(alignTabs('a,\tb\nlonger,\tc\n'), 'a,      b\nlonger, c\n')
})

tabs('pads a wide cell one past its width', () => {
  assert.is(alignTabs('PriorityLevelName,\tX\nexempt,\tY\n'), 'PriorityLevelName, X\nexempt,            Y\n')
})

tabs('never pads the text after the last tab', () => {
  assert.is(alignTabs('a,\tb,\tc\na,\tb\n'), 'a,      b,      c\na,      b\n')
})

tabs('a line without a tab ends the column blocks above it', () => {
  assert.is(alignTabs('aaaaaaaaaa,\tb\nc\nd,\te\n'), 'aaaaaaaaaa, b\nc\nd,      e\n')
})

tabs('counts characters, not bytes', () => {
  assert.is(alignTabs('µµµµµµµµ,\tx\na,\ty\n'), 'µµµµµµµµ, x\na,        y\n')
})

tabs('only adds spaces: removing them gives the input without tabs, for any text', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(
          fc.string({ maxLength: 12 }).map((s) => s.replace(/[\t\n]/g, '')),
          { maxLength: 5 },
        ),
        { maxLength: 6 },
      ),
      (rows) => {
        const text = rows.map((r) => `${r.join('\t')}\n`).join('')
        const out = alignTabs(text)
        assert.is(out.split('\n').length, text.split('\n').length)
        assert.is(out.replace(/ /g, ''), text.replace(/[\t ]/g, ''))
      },
    ),
  )
})

tabs.run()
