import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { logBatchDefaults } from '../../src/audit/buffered-backend.js'
import { loadAudit, logBatchConfig } from '../../src/cli/audit-parts.js'
import { parseServeCommand } from '../../src/cli/flags/parse-serve-command.js'
import type { ServeEnv } from '../../src/config/options/complete-options.js'
import { type AuditOptions, serveOptionsDefaults } from '../../src/config/options/serve-options.js'
import { type Deps, defaultDeps, fakeClock, recordingLogger } from '../../src/core/index.js'
import { sampleEvent, tim } from '../audit/fixtures.js'
import { resourceInfo } from '../support/request-info.js'

const t0 = Date.UTC(2026, 10, 23, 10, 0, 0, 0)
const deps = (): Deps => ({ ...defaultDeps, clock: fakeClock(t0), log: recordingLogger().log })
const audit = (o: Partial<AuditOptions>): AuditOptions => ({ ...serveOptionsDefaults.audit, ...o })
const env: ServeEnv = { interfaces: () => ({}) }

const metadataPolicy =
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources: [{ group: "", resources: [secrets] }]\n- level: Metadata\n'

const withDir = async (body: (dir: string) => Promise<void>): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-audit-parts-'))
  try {
    await body(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const lines = (file: string): string[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : []

const parts = suite('loadAudit')

parts('no audit without both a log path and a policy file (upstream records nothing then)', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    fs.writeFileSync(policy, metadataPolicy)
    assert.equal(await loadAudit(audit({}), deps())(), E.right(undefined))
    assert.equal(await loadAudit(audit({ policyFile: policy }), deps())(), E.right(undefined))
    assert.equal(await loadAudit(audit({ logPath: path.join(dir, 'audit.log') }), deps())(), E.right(undefined))
    assert.is(fs.existsSync(path.join(dir, 'audit.log')), false)
  }),
)

parts('the policy file decides levels: its rules in order, the first match wins', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    fs.writeFileSync(policy, metadataPolicy)
    const r = await loadAudit(audit({ policyFile: policy, logPath: path.join(dir, 'audit.log') }), deps())()
    if (E.isLeft(r) || r.right === undefined) return assert.unreachable(JSON.stringify(r))
    assert.is(r.right.policy(tim, resourceInfo('get', 'secrets')).level, 'None')
    assert.is(r.right.policy(tim, resourceInfo('list', 'configmaps')).level, 'Metadata')
  }),
)

parts('blocking mode (default) writes each event to the log at once', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    const log = path.join(dir, 'logs', 'audit.log')
    fs.writeFileSync(policy, metadataPolicy)
    const r = await loadAudit(audit({ policyFile: policy, logPath: log }), deps())()
    if (E.isLeft(r) || r.right === undefined) return assert.unreachable(JSON.stringify(r))
    assert.is(r.right.backend.processEvents([sampleEvent('a'), sampleEvent('b')]), true)
    assert.equal(
      lines(log).map((l) => (JSON.parse(l) as { auditID: string }).auditID),
      ['a', 'b'],
    )
    await r.right.backend.shutdown()
  }),
)

parts("batch mode takes upstream's log batch defaults, not the webhook's: each event is written before processEvents returns", () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    const log = path.join(dir, 'audit.log')
    fs.writeFileSync(policy, metadataPolicy)
    const r = await loadAudit(audit({ policyFile: policy, logPath: log, logMode: 'batch' }), deps())()
    if (E.isLeft(r) || r.right === undefined) return assert.unreachable(JSON.stringify(r))
    const backend = r.right.backend
    assert.is(backend.name, 'buffered<log>')
    for (const id of ['a', 'b', 'c']) {
      assert.is(backend.processEvents([sampleEvent(id)]), true)
      assert.is(lines(log).length, ['a', 'b', 'c'].indexOf(id) + 1, `event ${id} is on disk at once`)
    }
    await backend.shutdown()
    assert.equal(
      lines(log).map((l) => (JSON.parse(l) as { auditID: string }).auditID),
      ['a', 'b', 'c'],
    )
    assert.is(backend.droppedEvents?.(), 0)
  }),
)

parts('the --audit-log-batch-* flags reach the backend: buffer size, batch size and wait', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    const log = path.join(dir, 'audit.log')
    fs.writeFileSync(policy, metadataPolicy)
    const flags = [`--audit-policy-file=${policy}`, `--audit-log-path=${log}`, '--audit-log-mode=batch']
    const parsed = parseServeCommand(
      [...flags, '--audit-log-batch-buffer-size=2', '--audit-log-batch-max-size=3', '--audit-log-batch-max-wait=1m'],
      env,
    )
    if (E.isLeft(parsed) || parsed.right.help) return assert.unreachable(JSON.stringify(parsed))
    const clock = fakeClock(t0)
    const r = await loadAudit(parsed.right.options.audit, { ...deps(), clock })()
    if (E.isLeft(r) || r.right === undefined) return assert.unreachable(JSON.stringify(r))
    const backend = r.right.backend
    backend.processEvents([sampleEvent('a'), sampleEvent('b'), sampleEvent('c')])
    assert.equal(lines(log), [], 'a batch of 3 is not full with the 2 events a buffer of 2 holds')
    assert.is(backend.droppedEvents?.(), 1, 'the third event found the buffer of 2 full')
    clock.advance(59_999)
    assert.equal(lines(log), [], 'the batch waits up to 1m')
    clock.advance(1)
    assert.is(lines(log).length, 2)
    await backend.shutdown()
  }),
)

parts("logBatchConfig: the --audit-log-batch-* options as the buffered backend's config", () => {
  assert.equal(logBatchConfig(audit({})), logBatchDefaults)
  const all = {
    logBatchBufferSize: 5,
    logBatchMaxSize: 6,
    logBatchMaxWait: 7,
    logBatchThrottleEnable: true,
    logBatchThrottleQPS: 8,
    logBatchThrottleBurst: 9,
  }
  assert.equal(logBatchConfig({ ...audit({}), ...all }), {
    bufferSize: 5,
    maxBatchSize: 6,
    maxBatchWaitMs: 7,
    throttleEnable: true,
    throttleQPS: 8,
    throttleBurst: 9,
  })
  assert.equal(logBatchConfig({ ...audit({}), logBatchThrottleQPS: 3 }), { ...logBatchDefaults, throttleQPS: 3 })
})

parts('a missing policy file is a Left naming the file', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'missing.yaml')
    const r = await loadAudit(audit({ policyFile: policy, logPath: path.join(dir, 'audit.log') }), deps())()
    assert.ok(E.isLeft(r) && r.left.startsWith(`${policy}: failed to read file: `), JSON.stringify(r))
  }),
)

parts('a policy file that is not a valid policy is a Left whose every line names the file', () =>
  withDir(async (dir) => {
    const policy = path.join(dir, 'policy.yaml')
    fs.writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n- level: Metadata\n  verbs: 7\n')
    const r = await loadAudit(audit({ policyFile: policy, logPath: path.join(dir, 'audit.log') }), deps())()
    assert.ok(E.isLeft(r))
    if (E.isLeft(r)) {
      assert.ok(
        r.left.split('\n').every((l) => l.startsWith(`${policy}: `)),
        r.left,
      )
      assert.match(r.left, 'Loud')
    }
    assert.is(fs.existsSync(path.join(dir, 'audit.log')), false, 'no log is opened for a bad policy')
  }),
)

parts.run()
