import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { configDefaults, formatProblems, newConfig } from '../../src/config/index.js'
import { resourceInfo } from '../support/request-info.js'

const config = suite('newConfig')

config('gives upstream defaults', () => {
  const c = newConfig()
  assert.ok(E.isRight(c))
  if (E.isLeft(c)) return
  assert.is(c.right.maxRequestsInFlight, 400)
  assert.is(c.right.maxMutatingRequestsInFlight, 200)
  assert.is(c.right.requestTimeout, 60_000)
  assert.is(c.right.minRequestTimeout, 1800)
  assert.is(c.right.maxRequestBodyBytes, 3145728)
  assert.equal(c.right.legacyApiGroupPrefixes, ['/api'])
  assert.is(c.right.enableIndex, true)
  assert.is(c.right.shutdownSendRetryAfter, false)
})

config('applies overrides', () => {
  const c = newConfig({ maxRequestsInFlight: 10, corsAllowedOriginList: ['^https://example\\.com$'] })
  assert.ok(E.isRight(c) && c.right.maxRequestsInFlight === 10 && c.right.corsAllowedOriginList.length === 1)
})

config('the default long-running check treats watch as long-running only', () => {
  const info = resourceInfo('watch', 'pods')
  assert.is(configDefaults.longRunningFunc(info), true)
  assert.is(configDefaults.longRunningFunc({ ...info, verb: 'list' }), false)
})

config('an unknown field is a Left naming it', () => {
  const c = newConfig({ maxRequestInFlight: 10 })
  assert.equal(c, E.left({ _tag: 'ConfigError', problems: [{ path: 'maxRequestInFlight', message: 'unknown field' }] }))
})

config('ill-typed fields are all reported, sorted, one line each', () => {
  const c = newConfig({ maxRequestsInFlight: -1, goawayChance: 0.5, requestTimeout: '60s', enableIndex: 'yes' })
  assert.ok(E.isLeft(c))
  if (E.isRight(c)) return
  assert.is(
    formatProblems(c.left.problems),
    [
      'enableIndex: expected boolean, got "yes"',
      'goawayChance: expected a number from 0 to 0.02, got 0.5',
      'maxRequestsInFlight: expected a non-negative integer, got -1',
      'requestTimeout: expected a non-negative duration in milliseconds, got "60s"',
    ].join('\n'),
  )
})

config('CORS patterns that do not pin the host and bad HSTS directives are refused with upstream messages', () => {
  const c = newConfig({ corsAllowedOriginList: ['example.com'], hstsDirectives: ['max-age=1', 'bogus'] })
  assert.ok(E.isLeft(c))
  if (E.isRight(c)) return
  const text = formatProblems(c.left.problems)
  assert.match(
    text,
    'corsAllowedOriginList: --cors-allowed-origins has an invalid regular expression: regular expression does not pin to start/end of host in the origin header',
  )
  assert.match(
    text,
    'hstsDirectives: --strict-transport-security-directives invalid, allowed values: max-age=expireTime, includeSubDomains, preload.',
  )
  assert.ok(
    E.isRight(newConfig({ corsAllowedOriginList: ['^https://example\\.com$'], hstsDirectives: ['max-age=31536000', 'includeSubDomains'] })),
  )
})

config('a non-object is refused', () => {
  assert.ok(E.isLeft(newConfig(42)))
  assert.ok(E.isLeft(newConfig(null)))
})

config.run()
