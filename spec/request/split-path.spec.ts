import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { splitPath } from '../../src/request/split-path.js'

const split = suite('splitPath')

split('trims every leading and trailing slash and keeps inner empty segments', () => {
  assert.equal(splitPath('//api//v1/pods/'), ['api', '', 'v1', 'pods'])
})

split('an empty path or one of slashes only has no segments', () => {
  assert.equal([splitPath(''), splitPath('/'), splitPath('///')], [[], [], []])
})

split('agrees with trimming then String.split on any string of slashes and letters', () => {
  const path = fc.array(fc.constantFrom('/', 'a', 'b', ''), { maxLength: 12 }).map((cs) => cs.join(''))
  fc.assert(
    fc.property(path, (p) => {
      const trimmed = p.replace(/^\/+|\/+$/g, '')
      assert.equal(splitPath(p), trimmed === '' ? [] : trimmed.split('/'), p)
    }),
    { numRuns: 300 },
  )
})

split.run()
