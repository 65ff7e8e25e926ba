import * as fs from 'node:fs'
import * as https from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { loadFlowcontrol, priorityAndFairnessHook, priorityAndFairnessParts } from '../../src/cli/flowcontrol-parts.js'
import { runServe } from '../../src/cli/serve-command.js'
import { completeServeOptions } from '../../src/config/options/complete-options.js'
import { type ServeOptions, serveOptionsDefaults } from '../../src/config/options/serve-options.js'
import { defaultDeps, fakeClock, recordingLogger } from '../../src/core/index.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { freePort } from '../support/serve-child.js'

const optionsWith = (features: Partial<ServeOptions['features']>, serverRun: Partial<ServeOptions['serverRun']> = {}) =>
  completeServeOptions(
    {
      ...serveOptionsDefaults,
      features: { ...serveOptionsDefaults.features, ...features },
      serverRun: { ...serveOptionsDefaults.serverRun, ...serverRun },
    },
    { interfaces: () => ({}) },
  )

const withFile = async (content: string, body: (file: string) => Promise<void>): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-apf-'))
  try {
    const file = path.join(dir, 'apf.yaml')
    fs.writeFileSync(file, content)
    await body(file)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const load = suite('loadFlowcontrol')

load('is upstream’s bootstrap configuration by default, nothing with --enable-priority-and-fairness=false', async () => {
  assert.equal(await loadFlowcontrol(optionsWith({}))(), E.right(bootstrapFlowcontrolConfig))
  assert.equal(await loadFlowcontrol(optionsWith({ enablePriorityAndFairness: false }))(), E.right(undefined))
})

load('adds the file’s objects to the bootstrap ones', () =>
  withFile(
    'apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: PriorityLevelConfiguration\nmetadata: { name: tenants }\nspec: { type: Limited, limited: { limitResponse: { type: Reject } } }\n',
    async (file) => {
      const r = await loadFlowcontrol(optionsWith({ flowcontrolConfigFile: file }))()
      assert.ok(E.isRight(r) && r.right?.priorityLevels.some((pl) => pl.metadata.name === 'tenants'))
    },
  ),
)

load('a server limit of 0 is refused when priority and fairness is on', async () => {
  const r = await loadFlowcontrol(optionsWith({}, { maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0 }))()
  assert.ok(E.isLeft(r))
  assert.equal(
    await loadFlowcontrol(optionsWith({ enablePriorityAndFairness: false }, { maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0 }))(),
    E.right(undefined),
  )
})

load.run()

const cli = suite('kubechain serve --flowcontrol-config-file')

const serve = async (argv: ReadonlyArray<string>) => {
  let err = ''
  const code = await runServe(argv, {
    out: () => undefined,
    err: (s) => void (err += s),
    stop: () => AbortSignal.abort(),
    deps: { ...defaultDeps, log: recordingLogger().log },
  })
  return { code, errLines: err.split('\n').filter((l) => l !== '') }
}

cli('a missing file exits 2 with one line naming the flag and the file', async () => {
  const r = await serve(['--flowcontrol-config-file=/nonexistent/apf.yaml'])
  assert.is(r.code, 2)
  assert.is(r.errLines.length, 1)
  assert.match(r.errLines[0] ?? '', /^--flowcontrol-config-file \/nonexistent\/apf\.yaml: unable to read the configuration: ENOENT/)
})

cli('a file with bad objects exits 2, one line a problem', () =>
  withFile(
    'apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata: { name: x }\nspec: { priorityLevelConfiguration: { name: x }, matchingPrecedence: 20000, bogus: 1 }\n',
    async (file) => {
      const r = await serve([`--flowcontrol-config-file=${file}`])
      assert.is(r.code, 2)
      assert.ok(r.errLines.length >= 1)
      assert.ok(
        r.errLines.every((l) => l.startsWith(`--flowcontrol-config-file ${file}: document 1`)),
        r.errLines.join('\n'),
      )
    },
  ),
)

cli.run()

const hook = suite('priorityAndFairnessHook')

hook('rebalances every 10 s from start until the server stops', async () => {
  const clock = fakeClock(0)
  const parts = priorityAndFairnessParts(bootstrapFlowcontrolConfig, optionsWith({}), {
    clock,
    newId: () => 'u',
    log: recordingLogger().log,
  })
  if (E.isLeft(parts)) return assert.unreachable(parts.left)
  const stopping = new AbortController()
  const started = await priorityAndFairnessHook(parts.right.apf)({ signal: stopping.signal })()
  assert.equal(started, E.right(undefined))
  assert.is(clock.pending(), 1)
  clock.advance(10_000)
  assert.is(clock.pending(), 1)
  stopping.abort()
  assert.is(clock.pending(), 0)
})

hook.run()

const served = suite('kubechain serve with priority and fairness')

/** Starts `kubechain serve` in process with an admin (system:masters) and a plain user; resolves once it serves. */
const start = async (dir: string, flags: ReadonlyArray<string>) => {
  const tokens = path.join(dir, 'tokens.csv')
  fs.writeFileSync(tokens, 'admin-token,admin,1,system:masters\nuser-token,jane,2,\n')
  const port = await freePort()
  const controller = new AbortController()
  let serving: () => void = () => undefined
  const up = new Promise<void>((resolve) => (serving = resolve))
  let err = ''
  const code = runServe(
    [`--cert-dir=${dir}`, '--bind-address=127.0.0.1', `--secure-port=${port}`, `--token-auth-file=${tokens}`, ...flags],
    {
      out: (s) => (s.includes('kubechain is serving') ? serving() : undefined),
      err: (s) => void (err += s),
      stop: () => controller.signal,
      logLine: () => undefined,
    },
  )
  await Promise.race([up, code.then((c) => Promise.reject(new Error(`exited ${c}: ${err}`)))])
  return { port, stop: () => (controller.abort(), code) }
}

const call = (port: number, token: string, p: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
  new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: p,
        rejectUnauthorized: false,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })

served('serves the flowcontrol API read-only and answers with the uids of the served objects that classified the request', () =>
  withFile('', async (file) => {
    const s = await start(path.dirname(file), [])
    try {
      const list = await call(s.port, 'admin-token', '/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas')
      assert.is(list.status, 200)
      const items = (JSON.parse(list.body) as { items: Array<{ metadata: { name: string; uid: string } }> }).items
      const uidOf = (name: string) => items.find((i) => i.metadata.name === name)?.metadata.uid
      assert.is(list.headers['x-kubernetes-pf-flowschema-uid'], uidOf('exempt'))
      const user = await call(s.port, 'user-token', '/api/v1/namespaces/default/configmaps')
      assert.is(user.headers['x-kubernetes-pf-flowschema-uid'], uidOf('global-default'))
    } finally {
      assert.is(await s.stop(), 0)
    }
  }),
)

served('with --enable-priority-and-fairness=false: no APF headers and no flowcontrol API', () =>
  withFile('', async (file) => {
    const s = await start(path.dirname(file), ['--enable-priority-and-fairness=false'])
    try {
      const list = await call(s.port, 'admin-token', '/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas')
      assert.is(list.status, 404)
      assert.is(list.headers['x-kubernetes-pf-flowschema-uid'], undefined)
    } finally {
      assert.is(await s.stop(), 0)
    }
  }),
)

served.run()
