import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import type { SchemaModels } from '../../../src/endpoints/schema.js'
import { applyStrategicMergePatch } from '../../../src/endpoints/patch/strategic-merge-patch.js'
import { body } from './patch-models.js'

const test = suite('applyStrategicMergePatch, upstream raw cases')

// The merge-test struct of apimachinery's strategicpatch tests: mergingList merges by name, mergingIntList is a merging set.
const models: SchemaModels = {
  MergeItem: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      value: { type: 'string' },
      other: { type: 'string' },
      mergingList: {
        type: 'array',
        items: { $ref: 'MergeItem' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
      mergingIntList: { type: 'array', items: { type: 'integer' }, 'x-kubernetes-patch-strategy': 'merge' },
      nonMergingList: { type: 'array', items: { $ref: 'MergeItem' } },
      mergeItemPtr: {
        type: 'array',
        items: { $ref: 'MergeItem' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
    },
  },
}

// Each case: Current, ThreeWay (the patch applied) and Result, from strategicMergePatchRawTestCases
// in k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go.
const cases: ReadonlyArray<readonly [string, string, string, string]> = [
  [
    'delete items in lists of scalars',
    'mergingIntList: [1, 2, 3, 4]',
    '{"$setElementOrder/mergingIntList": [1, 2], "$deleteFromPrimitiveList/mergingIntList": [3]}',
    'mergingIntList: [1, 2, 4]',
  ],
  [
    'delete all duplicate items in lists of scalars',
    'mergingIntList: [1, 2, 3, 3, 4]',
    '{"$setElementOrder/mergingIntList": [1, 2], "$deleteFromPrimitiveList/mergingIntList": [3]}',
    'mergingIntList: [1, 2, 4]',
  ],
  [
    'merge lists of maps',
    'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
    '{"$setElementOrder/mergingList": [{name: 4}, {name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}',
    'mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
  ],
  [
    'merge lists of maps with conflict',
    'mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]',
    '{"$setElementOrder/mergingList": [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]}',
    'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
  ],
  [
    'add field to map in merging list with conflict',
    'mergingList: [{name: 1, other: a}, {name: 3, value: 2, other: b}]',
    '{"$setElementOrder/mergingList": [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}',
    'mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2}, {name: 3, value: 2, other: b}]',
  ],
  [
    'delete map from merging list',
    'mergingList: [{name: 1}, {name: 2, other: b}]',
    '{"$setElementOrder/mergingList": [{name: 2}], mergingList: [{name: 1, $patch: delete}]}',
    'mergingList: [{name: 2, other: b}]',
  ],
  [
    'delete missing map from merging list with conflict',
    'mergingList: [{name: 3, other: a}]',
    '{"$setElementOrder/mergingList": [{name: 2}], mergingList: [{name: 2}, {name: 1, $patch: delete}]}',
    'mergingList: [{name: 2}, {name: 3, other: a}]',
  ],
  [
    'add map and delete map from merging list',
    'mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]',
    '{"$setElementOrder/mergingList": [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}',
    'mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]',
  ],
  [
    'add map and delete map from merging list with conflict',
    'mergingList: [{name: 1, other: a}, {name: 4, other: c}]',
    '{"$setElementOrder/mergingList": [{name: 2}, {name: 3}], mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]}',
    'mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]',
  ],
  [
    'delete field from map in merging list',
    'mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]',
    '{"$setElementOrder/mergingList": [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}]}',
    'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
  ],
  [
    'replace non merging list nested in merging list',
    'mergingList: [{name: 1, other: a, nonMergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2, other: b}]',
    '{"$setElementOrder/mergingList": [{name: 1}, {name: 2}], mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]}',
    'mergingList: [{name: 1, other: a, nonMergingList: [{name: 1, value: 1}]}, {name: 2, other: b}]',
  ],
  [
    'add field to map in merging list nested in merging list with deletion conflict',
    'mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}]}, {name: 2, other: b}]',
    '{"$setElementOrder/mergingList": [{name: 1}, {name: 2}], mergingList: [{"$setElementOrder/mergingList": [{name: 2}, {name: 1}], name: 1, mergingList: [{name: 1, value: 1}]}]}',
    'mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}, {name: 1, value: 1}]}, {name: 2, other: b}]',
  ],
  [
    'add map to merging list by pointer with conflict',
    'mergeItemPtr: [{name: 3}]',
    '{"$setElementOrder/mergeItemPtr": [{name: 1}, {name: 2}], mergeItemPtr: [{name: 1}, {name: 2}]}',
    'mergeItemPtr: [{name: 1}, {name: 2}, {name: 3}]',
  ],
  [
    'merge lists of scalars',
    'mergingIntList: [1, 2, 4]',
    '{"$setElementOrder/mergingIntList": [1, 2, 3], mergingIntList: [3]}',
    'mergingIntList: [1, 2, 3, 4]',
  ],
  [
    'defined null values should propagate removing original fields',
    '{name: original-name, value: original-value, other: current-other}',
    '{name: modified-name, value: null}',
    '{name: modified-name, other: current-other}',
  ],
  ['nil patch with retainKeys map', '{name: a, value: b}', '{}', '{name: a, value: b}'],
]

for (const [name, current, patch, result] of cases) {
  test(name, () => {
    const got = applyStrategicMergePatch(parse(current) as JsonObject, body(parse(patch) as JsonObject), { $ref: 'MergeItem' }, models)
    assert.equal(got, E.right(parse(result) as JsonObject))
  })
}

test.run()
