// End to end: the real kubectl (on PATH) against the read-only flowcontrol API served in process over
// plain HTTP on port 0 (discovery at /api, /api/v1 and /apis, and the flowcontrol.apiserver.k8s.io
// services), so `kubectl get flowschemas,prioritylevelconfigurations` is shown printing what a cluster
// prints. Without kubectl the suite says so loudly and registers nothing, unless
// KUBECHAIN_REQUIRE_KUBECTL=1 makes that a failure.
import * as fs from 'node:fs'
import { type Server, createServer } from 'node:http'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/index.js'
import { director } from '../../src/director/director.js'
import { newPathMux } from '../../src/director/path-mux.js'
import { apiGroupListHandlerOf, resourceListHandler } from '../../src/endpoints/discovery.js'
import { apiVersionsHandler } from '../../src/example-api/discovery.js'
import { flowcontrolApiGroup, flowcontrolApiServices } from '../../src/example-api/flowcontrol-api.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { servedFlowcontrolObjects } from '../../src/flowcontrol/served-flowcontrol-objects.js'
import { toNodeListener } from '../../src/serve/index.js'
import { closeHttp, listen } from '../support/http-client.js'
import { type KubectlResult, findKubectl, kubectlPlan, kubectlSkipBanner, runKubectl } from '../support/kubectl.js'

const bin = findKubectl()
const plan = kubectlPlan(bin)
const test = suite('kubectl get flowschemas,prioritylevelconfigurations')

const created = Date.UTC(2024, 0, 2, 3, 4, 5)
let server: Server | undefined
let dir = ''

const kubectl = (args: ReadonlyArray<string>): Promise<KubectlResult> =>
  runKubectl(bin ?? 'kubectl', args, { kubeconfig: path.join(dir, 'kubeconfig'), cacheDir: path.join(dir, 'cache') })

const ok = (r: KubectlResult): string => {
  assert.is(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`)
  return r.stdout
}

/** The output's lines, each split on runs of spaces. */
const cells = (out: string): ReadonlyArray<ReadonlyArray<string>> =>
  out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/))

if (plan === 'skip') process.stderr.write(kubectlSkipBanner('spec/e2e/flowcontrol-kubectl.spec.ts'))

if (plan === 'fail') {
  test('kubectl is on PATH (KUBECHAIN_REQUIRE_KUBECTL=1)', () => {
    assert.unreachable('no kubectl on PATH, and KUBECHAIN_REQUIRE_KUBECTL=1 requires one')
  })
}

if (plan === 'run') {
  test.before(async () => {
    let n = 0
    const served = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: () => created, newId: () => `uid-${++n}` })
    const services = [
      ...flowcontrolApiServices(served, { clock: fakeClock(created + 3 * 86_400_000) }),
      { root: '/api/v1', handler: resourceListHandler('/api/v1', 'v1', []) },
      { root: '/api', handler: apiVersionsHandler('') },
      { root: '/apis', handler: apiGroupListHandlerOf([flowcontrolApiGroup]) },
    ]
    server = createServer(toNodeListener(director({ services, mux: newPathMux() })))
    const port = await listen(server)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-flowcontrol-kubectl-'))
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]`,
      'users: [{name: u, user: {}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n')
    fs.writeFileSync(path.join(dir, 'kubeconfig'), kubeconfig)
  })

  test.after(async () => {
    if (server !== undefined) await closeHttp(server)
    if (dir !== '') fs.rmSync(dir, { recursive: true, force: true })
  })

  test('prints FlowSchemas in matching order with MissingPL after AGE', async () => {
    const rows = cells(ok(await kubectl(['get', 'flowschemas'])))
    assert.equal(rows[0], ['NAME', 'PRIORITYLEVEL', 'MATCHINGPRECEDENCE', 'DISTINGUISHERMETHOD', 'AGE', 'MISSINGPL'])
    assert.equal(rows[1], ['exempt', 'exempt', '1', '<none>', '3d', 'False'])
    assert.equal(rows[2], ['probes', 'exempt', '2', '<none>', '3d', 'False'])
    assert.equal(rows.at(-1), ['catch-all', 'catch-all', '10000', 'ByUser', '3d', 'False'])
    assert.is(rows.length, 12)
  })

  test('prints PriorityLevelConfigurations with <none> where a level has no value', async () => {
    const rows = cells(ok(await kubectl(['get', 'prioritylevelconfigurations'])))
    assert.equal(rows[0], ['NAME', 'TYPE', 'NOMINALCONCURRENCYSHARES', 'QUEUES', 'HANDSIZE', 'QUEUELENGTHLIMIT', 'AGE'])
    assert.equal(rows[1], ['catch-all', 'Limited', '5', '<none>', '<none>', '<none>', '3d'])
    assert.equal(rows[2], ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '3d'])
    assert.equal(rows.at(-1), ['workload-low', 'Limited', '100', '128', '6', '50', '3d'])
  })

  test('gets both kinds at once, names qualified by kind and group', async () => {
    const out = ok(await kubectl(['get', 'flowschemas,prioritylevelconfigurations']))
    assert.match(out, /^NAME\s+PRIORITYLEVEL\s+MATCHINGPRECEDENCE/m)
    assert.match(out, /^flowschema\.flowcontrol\.apiserver\.k8s\.io\/global-default\s+global-default\s+9900\s+ByUser\s+3d\s+False$/m)
    assert.match(out, /^prioritylevelconfiguration\.flowcontrol\.apiserver\.k8s\.io\/system\s+Limited\s+30\s+64\s+6\s+50\s+3d$/m)
  })

  test('gets one object as YAML, and refuses a delete with 405', async () => {
    assert.match(ok(await kubectl(['get', 'flowschema', 'probes', '-o', 'yaml'])), /matchingPrecedence: 2\n/)
    const r = await kubectl(['delete', 'flowschema', 'probes'])
    assert.is.not(r.code, 0)
    assert.match(r.stderr, /MethodNotAllowed|the server does not allow this method on the requested resource/)
  })
}

test.run()
