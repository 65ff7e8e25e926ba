import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fromFieldsV1, pathString, setOf, toFieldsV1 } from '../../../src/endpoints/patch/field-set.js'

const test = suite('field sets')

test('encodes members with children under "." and leaves as {}', () => {
  const s = setOf([
    ['f:data'],
    ['f:data', 'f:a'],
    ['f:spec', 'f:containers', 'k:{"name":"a"}'],
    ['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image'],
  ])
  assert.equal(toFieldsV1(s), {
    'f:data': { '.': {}, 'f:a': {} },
    'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {} } } },
  })
})

test('decoding inverts encoding', () => {
  const tree = { 'f:data': { '.': {}, 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } }, 'f:list': { 'v:"x"': {}, 'i:0': {} } }
  assert.equal(toFieldsV1(fromFieldsV1(tree)), {
    'f:data': { '.': {}, 'f:a': {} },
    'f:list': { 'v:"x"': {}, 'i:0': {} },
    'f:metadata': { 'f:labels': { 'f:x': {} } },
  })
  assert.is(fromFieldsV1(tree).size, 5)
})

test('prints paths as structured-merge-diff does', () => {
  assert.is(pathString(['f:data', 'f:a.b']), '.data.a.b')
  assert.is(pathString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}', 'f:name']), '.spec.ports[port=80,protocol="TCP"].name')
  assert.is(pathString(['f:finalizers', 'v:"x"']), '.finalizers[="x"]')
  assert.is(pathString(['f:args', 'i:0']), '.args[0]')
})

test.run()
