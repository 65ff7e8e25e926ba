import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { hasPrefix } from '../../../src/director/internal/has-prefix.js'

const prefix = suite('hasPrefix')

prefix('agrees with startsWith, including the empty prefix and near misses', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['/apis/apps/v1', ''],
    ['', ''],
    ['', '/'],
    ['/apis/apps/', '/apis/apps/'],
    ['/apis/apps', '/apis/apps/'],
    ['/apis/batch/v1/', '/apis/bpps/v1/'],
    ['/apis/apps/v1/x', '/apis/apps/'],
  ]
  for (const [s, p] of cases) assert.is(hasPrefix(s, p), s.startsWith(p), `${s} / ${p}`)
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', 'b', '/') }),
      fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 4 }),
      (s, p) => hasPrefix(s, p) === s.startsWith(p),
    ),
  )
})

prefix.run()
