// End to end: @kubernetes/client-node 1.4.0 against `kubechain serve`, loaded from the kubeconfig that
// --write-kubeconfig wrote. Client-node 1.x is an ES module (package "type": "module") that needs Node 20
// or later; it imports as is under tsx. Its 1.x API takes one object per call
// (`createNamespacedConfigMap({ namespace, body })`) and sends JSON; patches go as JSON Patch unless a
// call sets the content type (`setHeaderOptions('Content-Type', PatchStrategy.MergePatch)`).
import {
  ApiException,
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  type V1ConfigMap,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { within } from '../support/http-client.js'
import { type KubeconfigServer, startWithKubeconfig, stopWithKubeconfig } from '../support/kubectl-server.js'

const test = suite('@kubernetes/client-node against kubechain serve')
const namespace = 'default'

let server: KubeconfigServer | undefined
let startError: unknown
let kc: KubeConfig | undefined

/** The client config, or the reason the server did not start (uvu hides errors thrown in `before`, so each test rethrows it). */
const config = (): KubeConfig => {
  if (kc === undefined)
    throw new Error(`kubechain serve did not start: ${startError instanceof Error ? startError.stack : String(startError)}`)
  return kc
}
const core = (): CoreV1Api => config().makeApiClient(CoreV1Api)

const configMap = (name: string, data: Record<string, string>, labels?: Record<string, string>): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: labels === undefined ? { name } : { name, labels },
  data,
})

/** The HTTP status of a failed call (client-node 1.x rejects with an ApiException). */
const statusOf = (e: unknown): number | string => (e instanceof ApiException ? e.code : String(e))

test.before(async () => {
  try {
    server = await startWithKubeconfig()
    kc = new KubeConfig()
    kc.loadFromFile(server.kubeconfig)
  } catch (e) {
    startError = e
    process.stderr.write(
      `\n!!! spec/e2e/client-node.spec.ts: kubechain serve did not start: ${e instanceof Error ? e.message : String(e)}\n`,
    )
  }
})
test.after(() => stopWithKubeconfig(server))

test('loadFromFile reads the written kubeconfig: its context, server and user', () => {
  const c = config()
  assert.is(c.getCurrentContext(), 'kubechain')
  assert.is(c.getCurrentCluster()?.server, server?.server)
  assert.is(c.getCurrentUser()?.name, 'kubechain-admin')
})

test('CoreV1Api: create, read, replace, list and delete a ConfigMap', async () => {
  const api = core()
  const created = await api.createNamespacedConfigMap({ namespace, body: configMap('cn-crud', { a: '1' }) })
  assert.is(created.metadata?.name, 'cn-crud')
  assert.ok((created.metadata?.uid ?? '') !== '', 'the server set a uid')
  const read = await api.readNamespacedConfigMap({ name: 'cn-crud', namespace })
  assert.equal(read.data, { a: '1' })
  const replaced = await api.replaceNamespacedConfigMap({ name: 'cn-crud', namespace, body: { ...read, data: { a: '2' } } })
  assert.equal(replaced.data, { a: '2' })
  assert.not.equal(replaced.metadata?.resourceVersion, read.metadata?.resourceVersion)
  const list = await api.listNamespacedConfigMap({ namespace })
  assert.ok(list.items.some((i) => i.metadata?.name === 'cn-crud'))
  await api.deleteNamespacedConfigMap({ name: 'cn-crud', namespace })
  const gone = await api.readNamespacedConfigMap({ name: 'cn-crud', namespace }).then(() => 'found', statusOf)
  assert.is(gone, 404)
})

test('listNamespacedConfigMap with a labelSelector returns only the matching ones', async () => {
  const api = core()
  await api.createNamespacedConfigMap({ namespace, body: configMap('cn-blue', { a: '1' }, { team: 'blue' }) })
  await api.createNamespacedConfigMap({ namespace, body: configMap('cn-red', { a: '1' }, { team: 'red' }) })
  const blue = await api.listNamespacedConfigMap({ namespace, labelSelector: 'team=blue' })
  assert.equal(
    blue.items.map((i) => i.metadata?.name),
    ['cn-blue'],
  )
  const notRed = await api.listNamespacedConfigMap({ namespace, labelSelector: 'team,team!=red' })
  assert.equal(
    notRed.items.map((i) => i.metadata?.name),
    ['cn-blue'],
  )
})

test('Watch sees ADDED for a ConfigMap created after it started', async () => {
  const events: Array<{ type: string; name: string | undefined }> = []
  let seen: () => void = () => undefined
  const added = new Promise<void>((resolve) => (seen = resolve))
  const ended: unknown[] = []
  const controller = await new Watch(config()).watch(
    `/api/v1/namespaces/${namespace}/configmaps`,
    {},
    (type, obj: V1ConfigMap) => {
      events.push({ type, name: obj.metadata?.name })
      if (type === 'ADDED' && obj.metadata?.name === 'cn-watched') seen()
    },
    (err) => void ended.push(err),
  )
  try {
    await core().createNamespacedConfigMap({ namespace, body: configMap('cn-watched', { a: '1' }) })
    await within(added, 10_000, 'the ADDED event of cn-watched')
    assert.ok(
      events.some((e) => e.type === 'ADDED' && e.name === 'cn-watched'),
      JSON.stringify(events),
    )
    assert.equal(ended, [], 'the watch did not end early')
  } finally {
    controller.abort()
  }
})

test('patch: a merge patch (content type set per call) and a JSON patch (the default)', async () => {
  const api = core()
  await api.createNamespacedConfigMap({ namespace, body: configMap('cn-patched', { a: '1', gone: 'x' }) })
  const merged = await api.patchNamespacedConfigMap(
    { name: 'cn-patched', namespace, body: { data: { b: '2', gone: null } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  )
  assert.equal(merged.data, { a: '1', b: '2' })
  const jsonPatched = await api.patchNamespacedConfigMap({
    name: 'cn-patched',
    namespace,
    body: [{ op: 'replace', path: '/data/a', value: '3' }],
  })
  assert.equal(jsonPatched.data, { a: '3', b: '2' })
})

test('AuthenticationV1Api createSelfSubjectReview: the generated admin', async () => {
  const review = await config()
    .makeApiClient(AuthenticationV1Api)
    .createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } })
  assert.is(review.status?.userInfo?.username, 'kubechain-admin')
  assert.equal(review.status?.userInfo?.groups, ['system:masters', 'system:authenticated'])
})

test('AuthorizationV1Api createSelfSubjectAccessReview: the admin may create configmaps', async () => {
  const review = await config()
    .makeApiClient(AuthorizationV1Api)
    .createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { namespace, verb: 'create', resource: 'configmaps' } },
      },
    })
  assert.is(review.status?.allowed, true)
})

test.run()
