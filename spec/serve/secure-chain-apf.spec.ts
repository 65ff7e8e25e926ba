// The secure chain with API Priority and Fairness, served over a socket: a saturated level answers 429 while
// another user's level still serves.
import * as https from 'node:https'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { alwaysAllow, bearerTokenAuthenticator, staticTokenAuthenticator } from '../../src/auth/index.js'
import { secureChain, standaloneContext } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import { type Handler, type Response, build, defaultDeps, silentLogger, text } from '../../src/core/index.js'
import { newApfRuntime } from '../../src/flowcontrol/apf-runtime.js'
import { parseFlowcontrolConfig } from '../../src/flowcontrol/parse-flowcontrol-config.js'
import { servedFlowcontrolObjects } from '../../src/flowcontrol/served-flowcontrol-objects.js'
import { startSecure } from '../support/secure-server.js'

/** Two levels of one seat each over a server limit of 10: `tenants` rejects, `others` queues. */
const objects = `
apiVersion: v1
kind: List
items:
- apiVersion: flowcontrol.apiserver.k8s.io/v1
  kind: PriorityLevelConfiguration
  metadata: { name: tenants }
  spec: { type: Limited, limited: { nominalConcurrencyShares: 5, lendablePercent: 0, borrowingLimitPercent: 0, limitResponse: { type: Reject } } }
- apiVersion: flowcontrol.apiserver.k8s.io/v1
  kind: PriorityLevelConfiguration
  metadata: { name: others }
  spec:
    type: Limited
    limited: { nominalConcurrencyShares: 5, lendablePercent: 0, borrowingLimitPercent: 0, limitResponse: { type: Queue, queuing: { queues: 1, handSize: 1, queueLengthLimit: 10 } } }
- apiVersion: flowcontrol.apiserver.k8s.io/v1
  kind: FlowSchema
  metadata: { name: tenants }
  spec:
    priorityLevelConfiguration: { name: tenants }
    matchingPrecedence: 500
    rules: [{ subjects: [{ kind: Group, group: { name: tenants } }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }]
- apiVersion: flowcontrol.apiserver.k8s.io/v1
  kind: FlowSchema
  metadata: { name: others }
  spec:
    priorityLevelConfiguration: { name: others }
    matchingPrecedence: 600
    rules: [{ subjects: [{ kind: Group, group: { name: others } }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }]
`

const get = (port: number, token: string, path: string): Promise<{ status: number; headers: Record<string, unknown> }> =>
  new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, path, rejectUnauthorized: false, headers: { authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
      },
    )
    req.on('error', reject)
    req.end()
  })

const served = suite('secure chain with priority and fairness, over a socket')

served('a saturated level answers 429 with Retry-After while another user’s level still serves', async () => {
  const config = parseFlowcontrolConfig(objects, 'apf.yaml')
  if (E.isLeft(config)) throw new Error(JSON.stringify(config.left))
  const deps = { ...defaultDeps, log: silentLogger }
  const stamped = servedFlowcontrolObjects(config.right, { now: deps.clock.now, newId: deps.newId })
  const apf = newApfRuntime(stamped, 10, { clock: deps.clock })
  const cfg = newConfig({})
  if (E.isLeft(apf) || E.isLeft(cfg)) throw new Error('setup')
  const tokens = new Map([
    ['tina-token', { name: 'tina', uid: '1', groups: ['tenants'], extra: {} }],
    ['olga-token', { name: 'olga', uid: '2', groups: ['others'], extra: {} }],
  ])
  const parts = {
    authenticator: bearerTokenAuthenticator(staticTokenAuthenticator(tokens)),
    authorizer: alwaysAllow,
    priorityAndFairness: { apf: apf.right },
  }
  const chain = secureChain(standaloneContext(deps), cfg.right, parts)
  assert.ok(chain.some((s) => s.name === 'priority-and-fairness'))
  assert.not.ok(chain.some((s) => s.name === 'max-in-flight'))
  let open: () => void = () => undefined
  const slow = new Promise<void>((resolve) => (open = resolve))
  let started: () => void = () => undefined
  const slowStarted = new Promise<void>((resolve) => (started = resolve))
  const inner: Handler = (req): Response | Promise<Response> =>
    req.path === '/slow' ? (started(), slow.then(() => text(200, 'slow'))) : text(200, 'fast')
  const server = await startSecure(build(chain)(inner))
  try {
    const held = get(server.port, 'tina-token', '/slow')
    await slowStarted
    const refused = await get(server.port, 'tina-token', '/fast')
    assert.is(refused.status, 429)
    assert.is(refused.headers['retry-after'], '1')
    assert.is(
      refused.headers['x-kubernetes-pf-prioritylevel-uid'],
      stamped.priorityLevels.find((pl) => pl.metadata.name === 'tenants')?.metadata.uid,
    )
    const other = await get(server.port, 'olga-token', '/fast')
    assert.is(other.status, 200)
    assert.is(
      other.headers['x-kubernetes-pf-flowschema-uid'],
      stamped.flowSchemas.find((fs) => fs.metadata.name === 'others')?.metadata.uid,
    )
    open()
    assert.is((await held).status, 200)
    assert.is((await get(server.port, 'tina-token', '/fast')).status, 200)
  } finally {
    open()
    await server.stop()
  }
})

served.run()
