import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ServerRunOptions, serveOptionsDefaults } from '../../../src/config/options/serve-options.js'
import { validateServerRun } from '../../../src/config/options/validate-server-run.js'

const d = serveOptionsDefaults.serverRun
const v = suite('validateServerRun')

v('the defaults are valid', () => {
  assert.equal(validateServerRun(d), [])
})

const negatives: ReadonlyArray<readonly [keyof ServerRunOptions, string, string]> = [
  ['livezGracePeriod', '--livez-grace-period', '--livez-grace-period can not be a negative value'],
  ['maxRequestsInFlight', '--max-requests-inflight', '--max-requests-inflight can not be negative value'],
  ['maxMutatingRequestsInFlight', '--max-mutating-requests-inflight', '--max-mutating-requests-inflight can not be negative value'],
  ['requestTimeout', '--request-timeout', '--request-timeout can not be negative value'],
  ['minRequestTimeout', '--min-request-timeout', '--min-request-timeout can not be negative value'],
  ['shutdownDelayDuration', '--shutdown-delay-duration', '--shutdown-delay-duration can not be negative value'],
  [
    'shutdownWatchTerminationGracePeriod',
    '--shutdown-watch-termination-grace-period',
    'shutdown-watch-termination-grace-period, if provided, can not be a negative value',
  ],
  ['goawayChance', '--goaway-chance', '--goaway-chance can not be less than 0 or greater than 0.02'],
]

for (const [field, path, message] of negatives) {
  v(`a negative ${field} is upstream's "${message}"`, () => {
    assert.equal(validateServerRun({ ...d, [field]: -1 }), [{ path, message }])
  })
}

v('zero limits and zero shutdown durations are allowed', () => {
  assert.equal(
    validateServerRun({ ...d, maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0, shutdownDelayDuration: 0, minRequestTimeout: 0 }),
    [],
  )
})

v('a zero request timeout is refused', () => {
  assert.equal(validateServerRun({ ...d, requestTimeout: 0 }), [
    { path: '--request-timeout', message: 'expected a positive duration, got 0s' },
  ])
})

v('the GOAWAY chance is within [0, 0.02]', () => {
  assert.equal(validateServerRun({ ...d, goawayChance: 0.02 }), [])
  assert.equal(
    validateServerRun({ ...d, goawayChance: 0.021 }).map((p) => p.path),
    ['--goaway-chance'],
  )
})

v("HSTS directives and CORS patterns are checked with the filters' validators", () => {
  assert.equal(
    validateServerRun({ ...d, hstsDirectives: ['max-age=31536000', 'preload'], corsAllowedOriginList: ['^https://a\\.com$'] }),
    [],
  )
  const got = validateServerRun({ ...d, hstsDirectives: [' '], corsAllowedOriginList: ['a\\.com'] })
  assert.equal(
    got.map((p) => p.path),
    ['--strict-transport-security-directives', '--cors-allowed-origins'],
  )
  assert.is(got[0]?.message, 'empty value in strict-transport-security-directives')
  assert.ok(
    got[1]?.message.startsWith(
      '--cors-allowed-origins has an invalid regular expression: regular expression does not pin to start/end of host',
    ),
  )
})

v('reports every problem at once', () => {
  assert.is(validateServerRun({ ...d, maxRequestsInFlight: -1, requestTimeout: -1, shutdownDelayDuration: -1 }).length, 3)
})

v.run()
