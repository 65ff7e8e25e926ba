import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/index.js'
import { director } from '../../src/director/director.js'
import { newPathMux } from '../../src/director/path-mux.js'
import { flowcontrolApiGroup, flowcontrolApiServices } from '../../src/example-api/flowcontrol-api.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { servedFlowcontrolObjects } from '../../src/flowcontrol/served-flowcontrol-objects.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const created = Date.UTC(2024, 0, 2, 3, 4, 5)
const clock = fakeClock(created + 3 * 86_400_000)
let n = 0
const served = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: () => created, newId: () => `uid-${++n}` })
const services = flowcontrolApiServices(served, { clock })
const handler = director({ services, mux: newPathMux() })
const v1 = '/apis/flowcontrol.apiserver.k8s.io/v1'
const table = { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' }
const json = async (path: string, headers: Record<string, string> = {}) =>
  JSON.parse(await bodyText(await run(handler, makeRequest(path, { headers }))))

const api = suite('flowcontrolApiServices')

api('the group and its resource list: flowschemas and prioritylevelconfigurations, get and list, cluster-scoped', async () => {
  const group = await json('/apis/flowcontrol.apiserver.k8s.io')
  assert.equal(
    [group.kind, group.name, group.preferredVersion.groupVersion],
    ['APIGroup', 'flowcontrol.apiserver.k8s.io', 'flowcontrol.apiserver.k8s.io/v1'],
  )
  assert.equal(flowcontrolApiGroup.versions, [{ groupVersion: 'flowcontrol.apiserver.k8s.io/v1', version: 'v1' }])
  const list = await json(v1)
  assert.is(list.groupVersion, 'flowcontrol.apiserver.k8s.io/v1')
  assert.equal(list.resources, [
    { name: 'flowschemas', singularName: 'flowschema', namespaced: false, kind: 'FlowSchema', verbs: ['get', 'list'] },
    {
      name: 'prioritylevelconfigurations',
      singularName: 'prioritylevelconfiguration',
      namespaced: false,
      kind: 'PriorityLevelConfiguration',
      verbs: ['get', 'list'],
    },
  ])
})

api('lists FlowSchemas by name at resourceVersion 1, and gets one', async () => {
  const list = await json(`${v1}/flowschemas`)
  assert.equal([list.kind, list.apiVersion, list.metadata], ['FlowSchemaList', 'flowcontrol.apiserver.k8s.io/v1', { resourceVersion: '1' }])
  assert.is(list.items.length, 11)
  assert.is(list.items[0].metadata.name, 'catch-all')
  const one = await json(`${v1}/flowschemas/probes`)
  assert.equal(
    [one.kind, one.metadata.name, one.spec.matchingPrecedence, one.status.conditions[0].reason],
    ['FlowSchema', 'probes', 2, 'Found'],
  )
})

api('selects by metadata.name and labels; other field selectors are 400', async () => {
  const list = await json(`${v1}/prioritylevelconfigurations?fieldSelector=metadata.name%3Dexempt`)
  assert.equal(
    list.items.map((o: { metadata: { name: string } }) => o.metadata.name),
    ['exempt'],
  )
  assert.is((await json(`${v1}/prioritylevelconfigurations?labelSelector=team`)).items.length, 0)
  assert.is(statusOf(await run(handler, makeRequest(`${v1}/flowschemas?fieldSelector=spec.x%3D1`))), 400)
})

api('an unknown name is 404 NotFound naming the resource', async () => {
  const res = await run(handler, makeRequest(`${v1}/flowschemas/nope`))
  assert.is(statusOf(res), 404)
  assert.is(JSON.parse(await bodyText(res)).message, 'flowschemas.flowcontrol.apiserver.k8s.io "nope" not found')
})

api('writes and watches are 405, as a read-only resource; other paths 404', async () => {
  for (const [method, path] of [
    ['POST', `${v1}/flowschemas`],
    ['PUT', `${v1}/flowschemas/probes`],
    ['PATCH', `${v1}/prioritylevelconfigurations/exempt`],
    ['DELETE', `${v1}/flowschemas/probes`],
    ['DELETE', `${v1}/flowschemas`],
    ['GET', `${v1}/flowschemas?watch=1`],
  ] as const) {
    const res = await run(handler, makeRequest(path, { method }))
    assert.is(statusOf(res), 405, `${method} ${path}`)
    const status = JSON.parse(await bodyText(res))
    assert.equal([status.reason, status.message], ['MethodNotAllowed', 'the server does not allow this method on the requested resource'])
  }
  assert.is(statusOf(await run(handler, makeRequest(`${v1}/flowschemas/probes/status`))), 404)
  assert.is(statusOf(await run(handler, makeRequest(`${v1}/namespaces/default/flowschemas`))), 404)
  assert.is(statusOf(await run(handler, makeRequest(`${v1}/widgets`))), 404)
})

api("FlowSchemas as a Table: upstream's columns, MissingPL after Age, rows in matching order", async () => {
  const t = await json(`${v1}/flowschemas`, table)
  assert.equal(
    t.columnDefinitions.map((c: { name: string }) => c.name),
    ['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL'],
  )
  assert.equal(
    t.rows.map((r: { cells: unknown[] }) => r.cells),
    [
      ['exempt', 'exempt', 1, '<none>', '3d', 'False'],
      ['probes', 'exempt', 2, '<none>', '3d', 'False'],
      ['system-leader-election', 'leader-election', 100, 'ByUser', '3d', 'False'],
      ['system-node-high', 'node-high', 400, 'ByUser', '3d', 'False'],
      ['system-nodes', 'system', 500, 'ByUser', '3d', 'False'],
      ['kube-controller-manager', 'workload-high', 800, 'ByNamespace', '3d', 'False'],
      ['kube-scheduler', 'workload-high', 800, 'ByNamespace', '3d', 'False'],
      ['kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', '3d', 'False'],
      ['service-accounts', 'workload-low', 9000, 'ByUser', '3d', 'False'],
      ['global-default', 'global-default', 9900, 'ByUser', '3d', 'False'],
      ['catch-all', 'catch-all', 10000, 'ByUser', '3d', 'False'],
    ],
  )
  assert.equal(t.rows[0].object, {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: served.flowSchemas.find((o) => o.metadata.name === 'exempt')?.metadata,
  })
  const one = await json(`${v1}/flowschemas/probes`, table)
  assert.equal(one.rows[0].cells, ['probes', 'exempt', 2, '<none>', '3d', 'False'])
})

api("PriorityLevelConfigurations as a Table: upstream's columns, <none> where a level has no value", async () => {
  const t = await json(`${v1}/prioritylevelconfigurations`, table)
  assert.equal(
    t.columnDefinitions.map((c: { name: string }) => c.name),
    ['Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age'],
  )
  assert.equal(
    t.rows.map((r: { cells: unknown[] }) => r.cells),
    [
      ['catch-all', 'Limited', 5, '<none>', '<none>', '<none>', '3d'],
      ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '3d'],
      ['global-default', 'Limited', 20, 128, 6, 50, '3d'],
      ['leader-election', 'Limited', 10, 16, 4, 50, '3d'],
      ['node-high', 'Limited', 40, 64, 6, 50, '3d'],
      ['system', 'Limited', 30, 64, 6, 50, '3d'],
      ['workload-high', 'Limited', 40, 128, 6, 50, '3d'],
      ['workload-low', 'Limited', 100, 128, 6, 50, '3d'],
    ],
  )
})

api('YAML as negotiated; an Accept nothing can write is 406', async () => {
  const res = await run(handler, makeRequest(`${v1}/flowschemas/exempt`, { headers: { accept: 'application/yaml' } }))
  assert.match(await bodyText(res), /^apiVersion: flowcontrol.apiserver.k8s.io\/v1\nkind: FlowSchema\n/)
  assert.is(statusOf(await run(handler, makeRequest(`${v1}/flowschemas`, { headers: { accept: 'text/csv' } }))), 406)
})

api.run()
