import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { auditFlags } from '../../../src/cli/flags/flag-table-audit.js'
import { authenticationFlags, authorizationFlags } from '../../../src/cli/flags/flag-table-auth.js'
import { clientFlags, cliSettingsDefaults } from '../../../src/cli/flags/flag-table-client.js'
import { featureFlags } from '../../../src/cli/flags/flag-table-features.js'
import { genericFlags, logsFlags } from '../../../src/cli/flags/flag-table-generic.js'
import { servingFlags } from '../../../src/cli/flags/flag-table-serving.js'
import { tracesFlags } from '../../../src/cli/flags/flag-table-traces.js'
import type { FlagTable } from '../../../src/cli/flags/flag-spec.js'
import { serveFlagTable } from '../../../src/cli/flags/serve-flag-table.js'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'

const defaults = { ...serveOptionsDefaults, cli: cliSettingsDefaults }
const at = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], defaults)
const names = (table: FlagTable) => table.map((f) => f.name)

// Issue 7 item 5, plus the flags the options layer adds (advertise address, SNI, requestheader, GOAWAY, log batches, ...).
const issueFlags = [
  'secure-port',
  'bind-address',
  'cert-dir',
  'tls-cert-file',
  'tls-private-key-file',
  'tls-min-version',
  'tls-cipher-suites',
  'tls-sni-cert-key',
  'client-ca-file',
  'token-auth-file',
  'anonymous-auth',
  'authorization-mode',
  'authorization-policy-file',
  'max-requests-inflight',
  'max-mutating-requests-inflight',
  'request-timeout',
  'min-request-timeout',
  'shutdown-delay-duration',
  'shutdown-send-retry-after',
  'shutdown-watch-termination-grace-period',
  'cors-allowed-origins',
  'strict-transport-security-directives',
  'audit-log-path',
  'audit-policy-file',
  'audit-log-maxsize',
  'audit-log-maxbackup',
  'audit-log-mode',
  'audit-log-maxage',
  'audit-log-batch-buffer-size',
  'audit-log-batch-max-size',
  'audit-log-batch-max-wait',
  'audit-log-batch-throttle-enable',
  'audit-log-batch-throttle-qps',
  'audit-log-batch-throttle-burst',
  'requestheader-username-headers',
  'requestheader-uid-headers',
  'requestheader-group-headers',
  'requestheader-extra-headers-prefix',
  'requestheader-allowed-names',
  'requestheader-client-ca-file',
  'v',
  'logging-format',
  'advertise-address',
  'external-hostname',
  'livez-grace-period',
  'goaway-chance',
  'tracing-config-file',
  'write-kubeconfig',
  'admin-token-file',
  'profiling',
  'contention-profiling',
  'enable-priority-and-fairness',
  'flowcontrol-config-file',
]

const table = suite('serveFlagTable')

table('holds exactly the flags of the serve command', () => {
  assert.equal([...names(serveFlagTable)].sort(), [...issueFlags].sort())
})

table('names, shorthands and paths are unique', () => {
  assert.is(new Set(names(serveFlagTable)).size, serveFlagTable.length)
  assert.is(new Set(serveFlagTable.map((f) => f.path)).size, serveFlagTable.length)
})

table('every flag sets an existing option (a server option, or under cli. a command setting) and shows its default', () => {
  for (const f of serveFlagTable) assert.equal(f.default, at(f.path), f.name)
  assert.equal(
    serveFlagTable.filter((f) => f.path.startsWith('cli.')),
    clientFlags,
  )
})

table('every flag has help text', () => {
  for (const f of serveFlagTable) assert.ok(f.help.length > 20, f.name)
})

table('is the concatenation of the section tables', () => {
  assert.equal(serveFlagTable, [
    ...genericFlags,
    ...servingFlags,
    ...authenticationFlags,
    ...authorizationFlags,
    ...auditFlags,
    ...featureFlags,
    ...logsFlags,
    ...tracesFlags,
    ...clientFlags,
  ])
})

table.run()

const sections = suite('section tables')

const sectionOf: ReadonlyArray<readonly [string, FlagTable, string]> = [
  ['genericFlags', genericFlags, 'Generic'],
  ['servingFlags', servingFlags, 'Secure serving'],
  ['authenticationFlags', authenticationFlags, 'Authentication'],
  ['authorizationFlags', authorizationFlags, 'Authorization'],
  ['auditFlags', auditFlags, 'Auditing'],
  ['featureFlags', featureFlags, 'Features'],
  ['logsFlags', logsFlags, 'Logs'],
  ['tracesFlags', tracesFlags, 'Traces'],
  ['clientFlags', clientFlags, 'Client'],
]

for (const [name, flags, section] of sectionOf) {
  sections(`${name} are all in the "${section}" section`, () => {
    assert.ok(flags.length > 0)
    for (const f of flags) assert.is(f.section, section, f.name)
  })
}

sections("upstream's defaults: 6443, 0.0.0.0, RBAC, anonymous on, 400/200, 1m, 1800 s, blocking", () => {
  const d = Object.fromEntries(serveFlagTable.map((f) => [f.name, f.default]))
  assert.is(d['secure-port'], 6443)
  assert.is(d['bind-address'], '0.0.0.0')
  assert.is(d['cert-dir'], 'apiserver.local.config/certificates')
  assert.equal(d['authorization-mode'], ['RBAC'])
  assert.is(d['anonymous-auth'], true)
  assert.is(d['max-requests-inflight'], 400)
  assert.is(d['max-mutating-requests-inflight'], 200)
  assert.is(d['request-timeout'], 60_000)
  assert.is(d['min-request-timeout'], 1800)
  assert.is(d['audit-log-mode'], 'blocking')
  assert.is(d['tls-min-version'], '')
  assert.is(d['shutdown-delay-duration'], 0)
  assert.is(d.profiling, true)
  assert.is(d['contention-profiling'], false)
})

sections("the log batch flags have upstream's log defaults and types: buffer 10000, batches of 1, no wait, no throttle", () => {
  const batch = auditFlags.filter((f) => f.name.startsWith('audit-log-batch-')).map((f) => [f.name, f.type, f.default])
  assert.equal(batch, [
    ['audit-log-batch-buffer-size', 'int', 10000],
    ['audit-log-batch-max-size', 'int', 1],
    ['audit-log-batch-max-wait', 'duration', 0],
    ['audit-log-batch-throttle-burst', 'int', 0],
    ['audit-log-batch-throttle-enable', 'bool', false],
    ['audit-log-batch-throttle-qps', 'float32', 0],
  ])
})

sections('the cipher help lists preferred and insecure suites apart', () => {
  const help = servingFlags.find((f) => f.name === 'tls-cipher-suites')?.help ?? ''
  const [preferred = '', insecure = ''] = help.split('Insecure values: ')
  assert.ok(preferred.includes('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'))
  assert.ok(insecure.includes('TLS_RSA_WITH_RC4_128_SHA'))
  assert.not.ok(preferred.includes('RC4'))
  assert.not.ok(insecure.includes('GCM'))
})

sections('-v is the shorthand of --v; --logging-format has none', () => {
  assert.is(logsFlags.find((f) => f.name === 'v')?.shorthand, 'v')
  assert.is(logsFlags.find((f) => f.name === 'logging-format')?.shorthand, undefined)
})

sections.run()
