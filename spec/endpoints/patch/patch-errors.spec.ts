import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { applyConflict } from '../../../src/endpoints/patch/patch-errors.js'

const test = suite('applyConflict')
const messageOf = (e: ReturnType<typeof applyConflict>): string => (e._tag === 'Status' ? e.status.message : '')

test('one conflict is named on one line', () => {
  assert.is(messageOf(applyConflict([{ manager: '"a"', path: '.data.x' }])), 'Apply failed with 1 conflict: conflict with "a": .data.x')
})

test('several conflicts are listed by manager, managers sorted, paths in their order', () => {
  const e = applyConflict([
    { manager: '"b"', path: '.data.y' },
    { manager: '"a"', path: '.data.x' },
    { manager: '"b"', path: '.data.z' },
  ])
  assert.is(messageOf(e), 'Apply failed with 3 conflicts: conflicts with "a":\n- .data.x\nconflicts with "b":\n- .data.y\n- .data.z')
})

test('a wide apply lists every one of its many conflicts', () => {
  const conflicts = Array.from({ length: 100_000 }, (_, i) => ({ manager: '"one"', path: `.data.k${i}` }))
  const lines = messageOf(applyConflict(conflicts)).split('\n')
  assert.is(lines.length, 100_001)
  assert.is(lines[100_000], '- .data.k99999')
})

test.run()
