import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { metaModels } from '../../../src/endpoints/models/meta-models.js'
import { refsOf } from '../../../src/endpoints/openapi/model-refs.js'
import { exampleModels } from '../../../src/example-api/models/example-models.js'

const all = { ...metaModels, ...exampleModels }
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1'
const models = suite('metaModels and exampleModels')

models('every $ref names a model that exists, by name (no document prefix)', () => {
  const dangling = Object.entries(all).flatMap(([name, s]) =>
    refsOf(s)
      .filter((r) => all[r] === undefined)
      .map((r) => `${name} -> ${r}`),
  )
  assert.equal(dangling, [])
  assert.ok(
    Object.values(all)
      .flatMap(refsOf)
      .every((r) => !r.startsWith('#')),
  )
})

models('every model has a description and a type, as upstream publishes them', () => {
  for (const [name, s] of Object.entries(all)) {
    assert.type(s.description, 'string', name)
    assert.ok(s.type === 'object' || s.type === 'string', name)
  }
})

models('kinds carry x-kubernetes-group-version-kind; the parts that are not kinds do not', () => {
  assert.equal(all['io.k8s.api.core.v1.ConfigMap']?.['x-kubernetes-group-version-kind'], [{ group: '', kind: 'ConfigMap', version: 'v1' }])
  assert.equal(all['io.k8s.api.authorization.v1.SelfSubjectRulesReview']?.['x-kubernetes-group-version-kind'], [
    { group: 'authorization.k8s.io', kind: 'SelfSubjectRulesReview', version: 'v1' },
  ])
  assert.is(all[`${meta}.ObjectMeta`]?.['x-kubernetes-group-version-kind'], undefined)
  const deleteOptions = all[`${meta}.DeleteOptions`]?.['x-kubernetes-group-version-kind'] ?? []
  assert.equal(deleteOptions[0], { group: '', kind: 'DeleteOptions', version: 'v1' })
  assert.ok(deleteOptions.some((g) => g.group === 'authorization.k8s.io' && g.version === 'v1'))
})

models("server-side apply and strategic merge extensions are upstream's", () => {
  const owners = all[`${meta}.ObjectMeta`]?.properties?.['ownerReferences']
  assert.equal(owners?.['x-kubernetes-list-map-keys'], ['uid'])
  assert.is(owners?.['x-kubernetes-list-type'], 'map')
  assert.is(owners?.['x-kubernetes-patch-strategy'], 'merge')
  assert.is(owners?.['x-kubernetes-patch-merge-key'], 'uid')
  assert.is(all[`${meta}.ObjectMeta`]?.properties?.['finalizers']?.['x-kubernetes-list-type'], 'set')
  assert.is(all[`${meta}.OwnerReference`]?.['x-kubernetes-map-type'], 'atomic')
  assert.equal(all[`${meta}.OwnerReference`]?.required, ['apiVersion', 'kind', 'name', 'uid'])
})

models('ConfigMap data is a map of strings and binaryData a map of bytes; metadata references ObjectMeta', () => {
  const cm = all['io.k8s.api.core.v1.ConfigMap']?.properties ?? {}
  assert.equal(cm['data']?.additionalProperties, { default: '', type: 'string' })
  assert.equal(cm['binaryData']?.additionalProperties, { format: 'byte', type: 'string' })
  assert.equal(cm['metadata']?.allOf, [{ $ref: `${meta}.ObjectMeta` }])
  assert.equal(all['io.k8s.api.core.v1.ConfigMapList']?.required, ['items'])
})

models.run()
