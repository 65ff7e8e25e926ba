import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { NetworkInterfaceInfo } from 'node:os'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseServeCommand } from '../../../src/cli/flags/parse-serve-command.js'
import type { ServeEnv } from '../../../src/config/options/complete-options.js'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'
import { serveFlagTable } from '../../../src/cli/flags/serve-flag-table.js'
import { formatProblems } from '../../../src/config/problems.js'

const nic = (address: string, internal = false): NetworkInterfaceInfo =>
  ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` }) as NetworkInterfaceInfo
const env: ServeEnv = { interfaces: () => ({ lo: [nic('127.0.0.1', true)], eth0: [nic('10.1.2.3')] }) }

const reported = (argv: ReadonlyArray<string>): string => {
  const r = parseServeCommand(argv, env)
  return E.isLeft(r) ? formatProblems(r.left) : 'no problems'
}

const serve = suite('parseServeCommand')

serve('no flags: upstream defaults, completed', () => {
  const r = parseServeCommand([], env)
  assert.ok(E.isRight(r) && !r.right.help)
  if (E.isLeft(r) || r.right.help) return
  const o = r.right.options
  assert.equal(o.authorization, serveOptionsDefaults.authorization)
  assert.is(o.secureServing.bindPort, 6443)
  assert.is(o.secureServing.minTLSVersion, 'VersionTLS12')
  assert.is(o.serverRun.advertiseAddress, '10.1.2.3')
  assert.is(o.completed.externalAddress, '10.1.2.3:6443')
  assert.equal(o.completed.servingCert, {
    certFile: 'apiserver.local.config/certificates/apiserver.crt',
    keyFile: 'apiserver.local.config/certificates/apiserver.key',
    selfSigned: true,
  })
})

serve('flags override the defaults', () => {
  const r = parseServeCommand(['--secure-port=8443', '--authorization-mode=AlwaysAllow', '--request-timeout=30s', '-v=2'], env)
  if (E.isLeft(r) || r.right.help) return assert.unreachable('expected options')
  const o = r.right.options
  assert.is(o.secureServing.bindPort, 8443)
  assert.equal(o.authorization.modes, ['AlwaysAllow'])
  assert.is(o.serverRun.requestTimeout, 30_000)
  assert.is(o.logs.verbosity, 2)
  assert.is(o.completed.externalAddress, '10.1.2.3:8443')
})

serve('profiling is on unless --profiling=false; --contention-profiling sets its own option', () => {
  const on = parseServeCommand(['--contention-profiling'], env)
  const off = parseServeCommand(['--profiling=false'], env)
  if (E.isLeft(on) || on.right.help || E.isLeft(off) || off.right.help) return assert.unreachable('expected options')
  const apf = { enablePriorityAndFairness: true, flowcontrolConfigFile: '' }
  assert.equal(on.right.options.features, { enableProfiling: true, enableContentionProfiling: true, ...apf })
  assert.equal(off.right.options.features, { enableProfiling: false, enableContentionProfiling: false, ...apf })
})

serve('priority and fairness is on unless --enable-priority-and-fairness=false; --flowcontrol-config-file names its file', () => {
  const on = parseServeCommand(['--flowcontrol-config-file=/etc/apf.yaml'], env)
  const off = parseServeCommand(['--enable-priority-and-fairness=false'], env)
  if (E.isLeft(on) || on.right.help || E.isLeft(off) || off.right.help) return assert.unreachable('expected options')
  assert.is(on.right.options.features.enablePriorityAndFairness, true)
  assert.is(on.right.options.features.flowcontrolConfigFile, '/etc/apf.yaml')
  assert.is(off.right.options.features.enablePriorityAndFairness, false)
})

serve('--logging-format sets the log format; text by default', () => {
  const r = parseServeCommand(['--logging-format=json'], env)
  if (E.isLeft(r) || r.right.help) return assert.unreachable('expected options')
  assert.is(r.right.options.logs.format, 'json')
  const d = parseServeCommand([], env)
  if (E.isLeft(d) || d.right.help) return assert.unreachable('expected options')
  assert.is(d.right.options.logs.format, 'text')
})

serve('an unknown --logging-format is refused with every other problem', () => {
  const r = parseServeCommand(['--logging-format=xml'], env)
  assert.ok(E.isLeft(r))
  assert.equal(E.isLeft(r) ? r.left : [], [{ path: '--logging-format', message: 'format: Invalid value: "xml": Unsupported log format' }])
})

serve('the --audit-log-batch-* flags set the audit options (the wait in milliseconds)', () => {
  const argv = [
    '--audit-log-batch-buffer-size=5',
    '--audit-log-batch-max-size=6',
    '--audit-log-batch-max-wait=1.5s',
    '--audit-log-batch-throttle-enable',
    '--audit-log-batch-throttle-qps=2.5',
    '--audit-log-batch-throttle-burst=7',
  ]
  const r = parseServeCommand(argv, env)
  if (E.isLeft(r) || r.right.help) return assert.unreachable('expected options')
  const { logBatchBufferSize, logBatchMaxSize, logBatchMaxWait, logBatchThrottleEnable, logBatchThrottleQPS, logBatchThrottleBurst } =
    r.right.options.audit
  assert.equal(
    { logBatchBufferSize, logBatchMaxSize, logBatchMaxWait, logBatchThrottleEnable, logBatchThrottleQPS, logBatchThrottleBurst },
    {
      logBatchBufferSize: 5,
      logBatchMaxSize: 6,
      logBatchMaxWait: 1500,
      logBatchThrottleEnable: true,
      logBatchThrottleQPS: 2.5,
      logBatchThrottleBurst: 7,
    },
  )
})

serve("--write-kubeconfig sets the command's setting, not a server option; absent, it is empty", () => {
  const r = parseServeCommand(['--write-kubeconfig', 'out/kubeconfig', '--secure-port=8443'], env)
  if (E.isLeft(r) || r.right.help) return assert.unreachable('expected options')
  assert.equal(r.right.cli, { writeKubeconfig: 'out/kubeconfig', adminTokenFile: '' })
  assert.is(r.right.options.secureServing.bindPort, 8443)
  assert.not.ok('cli' in r.right.options)
  const none = parseServeCommand([], env)
  if (E.isLeft(none) || none.right.help) return assert.unreachable('expected options')
  assert.equal(none.right.cli, { writeKubeconfig: '', adminTokenFile: '' })
})

serve('--help asks for help', () => {
  assert.equal(parseServeCommand(['--secure-port=0', '--help'], env), E.right({ help: true }))
})

// One bad flag each: the exact line the reporter prints.
const badFlags: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
  [['--foo'], 'unknown flag: --foo'],
  [['serve'], '"kubechain serve" does not take any arguments, got ["serve"]'],
  [['--request-timeout=soon'], '--request-timeout: expected a duration like 1m30s, got "soon"'],
  [['--secure-port'], 'flag needs an argument: --secure-port'],
  [['--secure-port=0'], '--secure-port 0 must be between 1 and 65535, inclusive. It cannot be turned off with 0'],
  [['--secure-port=70000'], '--secure-port 70000 must be between 1 and 65535, inclusive. It cannot be turned off with 0'],
  [['--tls-min-version=VersionTLS14'], '--tls-min-version: unknown tls version "VersionTLS14"'],
  [
    ['--tls-min-version=VersionTLS11'],
    '--tls-min-version: expected VersionTLS12 or VersionTLS13 (TLS 1.2 is the minimum), got VersionTLS11',
  ],
  [['--tls-cipher-suites=TLS_FOO'], "--tls-cipher-suites: Cipher suite TLS_FOO not supported or doesn't exist"],
  [['--tls-cert-file=a.crt'], '--tls-private-key-file: expected a key file to go with --tls-cert-file, got none'],
  [['--authorization-mode=ABAC'], 'authorization-mode "ABAC" is not a valid mode'],
  [['--authorization-mode='], '--authorization-mode: at least one authorization-mode must be passed'],
  [['--authorization-mode=RBAC,RBAC'], 'authorization-mode ["RBAC" "RBAC"] has mode specified more than once'],
  [
    ['--authorization-mode=AlwaysAllow', '--authorization-policy-file=rbac.yaml'],
    'cannot specify --authorization-policy-file without mode RBAC',
  ],
  [
    ['--audit-log-path=-', '--audit-log-mode=async'],
    '--audit-log-mode: invalid audit log mode async, allowed modes are "batch,blocking,blocking-strict"',
  ],
  [['--audit-log-path=-', '--audit-log-maxsize=-1'], "--audit-log-maxsize -1 can't be a negative number"],
  [
    ['--audit-log-path=-', '--audit-log-mode=batch', '--audit-log-batch-buffer-size=0'],
    '--audit-log-batch-buffer-size: invalid audit batch log buffer size 0, must be a positive number',
  ],
  [
    ['--audit-log-path=-', '--audit-log-mode=batch', '--audit-log-batch-max-size=0'],
    '--audit-log-batch-max-size: invalid audit batch log max batch size 0, must be a positive number',
  ],
  [
    ['--audit-log-path=-', '--audit-log-mode=batch', '--audit-log-batch-throttle-enable'],
    [
      '--audit-log-batch-throttle-burst: invalid audit batch log throttle burst 0, must be a positive number',
      '--audit-log-batch-throttle-qps: invalid audit batch log throttle QPS 0, must be a positive number',
    ].join('\n'),
  ],
  [['--audit-log-batch-throttle-qps=fast'], '--audit-log-batch-throttle-qps: expected a number, got "fast"'],
  [['--max-requests-inflight=-1'], '--max-requests-inflight can not be negative value'],
  [['--shutdown-delay-duration=-1s'], '--shutdown-delay-duration can not be negative value'],
  [['--shutdown-watch-termination-grace-period=-1s'], 'shutdown-watch-termination-grace-period, if provided, can not be a negative value'],
  [['--goaway-chance=0.5'], '--goaway-chance can not be less than 0 or greater than 0.02'],
  [
    ['--strict-transport-security-directives=max-age'],
    '--strict-transport-security-directives invalid, allowed values: max-age=expireTime, includeSubDomains, preload. see https://tools.ietf.org/html/rfc6797#section-6.1 for more information',
  ],
  [['--write-kubeconfig='], '--write-kubeconfig: expected a file path, got ""'],
  [['--write-kubeconfig'], 'flag needs an argument: --write-kubeconfig'],
  [['--requestheader-group-headers= '], '--requestheader-group-headers: empty value in "requestheader-group-headers"'],
]

for (const [argv, line] of badFlags) {
  serve(`${argv.join(' ')} → ${line}`, () => {
    assert.is(reported(argv), line)
  })
}

serve('reports flag and option problems together, sorted by flag', () => {
  assert.is(
    reported(['--secure-port=0', '--foo', '--write-kubeconfig=', '--request-timeout=soon', '--max-requests-inflight=-1']),
    [
      'unknown flag: --foo',
      '--max-requests-inflight can not be negative value',
      '--request-timeout: expected a duration like 1m30s, got "soon"',
      '--secure-port 0 must be between 1 and 65535, inclusive. It cannot be turned off with 0',
      '--write-kubeconfig: expected a file path, got ""',
    ].join('\n'),
  )
})

serve('never throws on any command line; a Left always has problems, each printed on its own line', () => {
  const word = fc.oneof(
    fc.string(),
    fc
      .tuple(
        fc.constantFrom(...serveFlagTable.map((f) => `--${f.name}=`)),
        fc.oneof(fc.string(), fc.constantFrom('-1', '0', '-1s', ' ', 'x,,y')),
      )
      .map(([a, b]) => a + b),
  )
  fc.assert(
    fc.property(fc.array(word, { maxLength: 6 }), (argv) => {
      const r = parseServeCommand(argv, env)
      if (E.isRight(r)) return true
      return r.left.length > 0 && formatProblems(r.left).split('\n').length >= r.left.length
    }),
  )
})

serve.run()
