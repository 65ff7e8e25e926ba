import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../../src/core/index.js'
import type { WriteOptions } from '../../../src/endpoints/write-options.js'
import type { ResourceDefinition } from '../../../src/endpoints/resource-definition.js'
import { widgetDefinition } from './widget-definition.js'
import { asStored, deletedStatus, managedBy, toDraft } from '../../../src/endpoints/rest/write-draft.js'

const def: ResourceDefinition = widgetDefinition
const namespaced: ResourceDefinition = { ...def, namespaced: true }

const draft = suite('toDraft')

draft("takes the type of the definition, the request's name, the metadata clients set, and the kind's fields", () => {
  const input = {
    kind: 'Other',
    metadata: { name: 'ignored', uid: 'u', labels: { a: 'b' }, finalizers: [], generateName: '' },
    spec: { n: 1 },
    status: null,
  }
  assert.equal(toDraft(def, input, '', 'w'), {
    kind: 'Widget',
    apiVersion: 'example.kubechain.dev/v1',
    metadata: { name: 'w', labels: { a: 'b' } },
    spec: { n: 1 },
  })
})

draft("a namespaced kind takes the request's namespace; a field order drops other fields", () => {
  const d = toDraft(namespaced, { spec: {}, extra: 1 }, 'default', 'w', ['spec'])
  assert.equal(d, { kind: 'Widget', apiVersion: 'example.kubechain.dev/v1', metadata: { name: 'w', namespace: 'default' }, spec: {} })
})

draft("asStored blanks server-set fields and keeps an old object's uid", () => {
  assert.equal(asStored({ metadata: { name: 'w' } }, { metadata: { uid: 'u1' } })['metadata'], {
    name: 'w',
    uid: 'u1',
    creationTimestamp: '',
    resourceVersion: '',
  })
})

draft.run()

const status = suite('deletedStatus')

status('names the object, its group (not for the core group) and resource', () => {
  const old = { metadata: { name: 'w', uid: 'u1' } }
  assert.equal(deletedStatus(def, old)['details'], { name: 'w', group: 'example.kubechain.dev', kind: 'widgets', uid: 'u1' })
  assert.equal(Object.keys(deletedStatus({ ...def, group: '' }, old)['details'] as object), ['name', 'kind', 'uid'])
})

status.run()

const managed = suite('managedBy')

managed("records an Update by the write's manager, and leaves an apply's result alone", () => {
  const record = managedBy(def, { clock: fakeClock(0), models: {} })
  const opts: WriteOptions = { dryRun: false, fieldValidation: 'Strict', manager: 'me', fieldManager: 'me', force: false }
  const d = record(O.none, { metadata: { name: 'w', managedFields: [{ manager: 'forged' }] }, spec: { n: 1 } }, opts)
  const entries = (d['metadata'] as { managedFields: ReadonlyArray<{ manager: string; operation: string }> }).managedFields
  assert.equal(
    entries.map((e) => [e.manager, e.operation]),
    [['me', 'Update']],
  )
  const applied = { metadata: { name: 'w' } }
  assert.is(record(O.none, applied, { ...opts, recordsUpdate: false }), applied)
})

managed.run()
