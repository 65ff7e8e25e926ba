import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import { capUpdateManagers } from '../../../src/endpoints/patch/cap-managers.js'
import { setOf } from '../../../src/endpoints/patch/field-set.js'
import { type ManagerEntry, managersOf, recordUpdate } from '../../../src/endpoints/patch/managed-fields.js'

const test = suite('capUpdateManagers')
const time = (i: number): string => new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString().replace('.000', '')
const updater = (i: number, apiVersion = 'v1'): ManagerEntry => ({
  manager: `m${i}`,
  operation: 'Update',
  apiVersion,
  time: time(i),
  fields: setOf([['f:data', `f:k${i}`]]),
})
const summary = (es: ReadonlyArray<ManagerEntry>) =>
  es
    .map(
      (e) =>
        `${e.manager} ${e.operation} ${e.apiVersion} ${e.time} ${[...e.fields.values()]
          .map((p) => p[1])
          .sort()
          .join(',')}`,
    )
    .sort()

test('ten updaters or fewer are kept as they are', () => {
  const es = Array.from({ length: 10 }, (_, i) => updater(i))
  assert.is(capUpdateManagers(es), es)
})

test('past ten, the oldest updaters merge into ancient-changes, which takes the last merged time', () => {
  const es = [...Array.from({ length: 12 }, (_, i) => updater(11 - i)), { ...updater(99), operation: 'Apply' as const }]
  const got = summary(capUpdateManagers(es))
  assert.equal(
    got,
    summary([
      {
        manager: 'ancient-changes',
        operation: 'Update',
        apiVersion: 'v1',
        time: time(2),
        fields: setOf([
          ['f:data', 'f:k0'],
          ['f:data', 'f:k1'],
          ['f:data', 'f:k2'],
        ]),
      },
      ...Array.from({ length: 9 }, (_, i) => updater(i + 3)),
      { ...updater(99), operation: 'Apply' },
    ]),
  )
})

test('each apiVersion has its own bucket; a lone oldest updater of a version stays', () => {
  const es = [updater(0, 'v1beta1'), updater(1), updater(2), ...Array.from({ length: 9 }, (_, i) => updater(i + 3))]
  const got = capUpdateManagers(es)
  assert.is(got.length, 10)
  assert.ok(got.some((e) => e.manager === 'm0' && e.apiVersion === 'v1beta1'))
  assert.ok(got.some((e) => e.manager === 'ancient-changes' && e.apiVersion === 'v1' && e.fields.size === 3))
})

test('many writers each recording an update leave at most ten Update entries, their fields kept', () => {
  const start: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: {} }
  let o = recordUpdate(O.none, start, 'creator', time(0))
  for (let i = 1; i <= 300; i++)
    o = recordUpdate(O.some(o), { ...o, data: { ...(o['data'] as JsonObject), [`k${i}`]: 'v' } }, `m${i}`, time(i))
  const es = managersOf(o)
  assert.is(es.length, 10)
  const owned = es.reduce((n, e) => n + e.fields.size, 0)
  assert.is(owned, 300 + 1) // every key, and f:data itself, each held by one manager
})

test.run()
