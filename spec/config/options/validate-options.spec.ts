import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'
import { validateServeOptions } from '../../../src/config/options/validate-options.js'
import { formatProblems } from '../../../src/config/problems.js'

const v = suite('validateServeOptions')

v('the defaults are valid', () => {
  assert.equal(validateServeOptions(serveOptionsDefaults), [])
})

v('collects the problems of every group', () => {
  const got = validateServeOptions({
    ...serveOptionsDefaults,
    secureServing: { ...serveOptionsDefaults.secureServing, bindPort: 0 },
    serverRun: { ...serveOptionsDefaults.serverRun, maxRequestsInFlight: -1 },
    authentication: { ...serveOptionsDefaults.authentication, requestheaderGroupHeaders: [''] },
    authorization: { modes: [], policyFile: '' },
    audit: { ...serveOptionsDefaults.audit, logPath: '-', logMode: 'x' },
  })
  assert.equal(
    got.map((p) => p.path),
    ['--secure-port', '--max-requests-inflight', '--requestheader-group-headers', '--authorization-mode', '--audit-log-mode'],
  )
})

v.run()

const report = suite('formatProblems of flag problems')

report('prints a message that names its flag alone, others after the flag, sorted by flag', () => {
  assert.is(
    formatProblems([
      { path: '--secure-port', message: '--secure-port 0 must be between 1 and 65535, inclusive. It cannot be turned off with 0' },
      { path: '--foo', message: 'unknown flag: --foo' },
      { path: '--audit-log-mode', message: 'invalid audit log mode x, allowed modes are "batch,blocking,blocking-strict"' },
      {
        path: '--shutdown-watch-termination-grace-period',
        message: 'shutdown-watch-termination-grace-period, if provided, can not be a negative value',
      },
      { path: 'maxRequestsInFlight', message: 'expected a non-negative integer, got -1' },
    ]),
    [
      '--audit-log-mode: invalid audit log mode x, allowed modes are "batch,blocking,blocking-strict"',
      'unknown flag: --foo',
      '--secure-port 0 must be between 1 and 65535, inclusive. It cannot be turned off with 0',
      'shutdown-watch-termination-grace-period, if provided, can not be a negative value',
      'maxRequestsInFlight: expected a non-negative integer, got -1',
    ].join('\n'),
  )
})

report.run()
