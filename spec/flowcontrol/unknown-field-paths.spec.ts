import * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { unknownFieldPaths } from '../../src/flowcontrol/unknown-field-paths.js'

const codec = t.readonly(
  t.intersection([
    t.type({ a: t.string, list: t.readonlyArray(t.type({ x: t.number })) }),
    t.partial({ labels: t.record(t.string, t.type({ v: t.string })), any: t.unknown }),
  ]),
)

const paths = suite('unknownFieldPaths')

paths('names fields no member of an intersection knows, through arrays and maps', () => {
  assert.equal(
    unknownFieldPaths(codec, { a: 'x', b: 1, list: [{ x: 1 }, { x: 2, y: 3 }], labels: { k: { v: '', w: 1 } }, any: { free: 1 } }),
    ['b', 'list[1].y', 'labels.k.w'],
  )
})

paths('knows nothing of values the codec will refuse anyway', () => {
  assert.equal(unknownFieldPaths(codec, 3), [])
  assert.equal(unknownFieldPaths(codec, { list: 'no' }), [])
})

paths.run()
