import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { type Handler, type Response, type Step, build, text } from '../../src/core/index.js'
import { checkChain } from '../../src/chains/check-chain.js'
import {
  CorsConfig,
  corsAllowedOriginsHelpText,
  corsDefaults,
  corsStep,
  validateCorsAllowedOrigins,
  withCors,
} from '../../src/filters/with-cors.js'
import { compileGoRegexp } from '../../src/internal/go/go-regexp.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { tracingStep } from '../support/trace.js'

const defaultCors = {
  'access-control-allow-methods': 'POST, GET, OPTIONS, PUT, DELETE, PATCH',
  'access-control-allow-headers':
    'Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, X-Requested-With, If-Modified-Since',
  'access-control-expose-headers': 'Date',
  'access-control-allow-credentials': 'true',
}

/** An inner handler that counts its calls and answers 200 `inner`. */
const counting = (res: Response = text(200, 'inner')) => {
  const calls = { n: 0 }
  const handler: Handler = () => {
    calls.n++
    return Promise.resolve(res)
  }
  return { calls, handler }
}
const cors = (patterns: ReadonlyArray<string>, extra: Partial<CorsConfig> = {}) =>
  withCors({ ...corsDefaults, ...extra, allowedOriginPatterns: patterns })
const withOrigin = (origin: string | ReadonlyArray<string>, method = 'GET') => makeRequest('/version', { method, headers: { origin } })

const filter = suite('withCors')

filter('is the identity without origin patterns', () => {
  const { handler } = counting()
  assert.is(cors([])(handler), handler)
})

filter('passes a request without Origin through untouched', async () => {
  const inner = text(200, 'inner')
  const { handler, calls } = counting(inner)
  assert.is(await run(cors(['^https://example\\.com$'])(handler), makeRequest('/version')), inner)
  assert.is(calls.n, 1)
})

filter('passes a request from another origin through without CORS headers', async () => {
  const inner = text(200, 'inner')
  const { handler } = counting(inner)
  const h = cors(['^https://example\\.com$'])(handler)
  assert.is(await run(h, withOrigin('https://evil.com')), inner)
  assert.is(await run(h, withOrigin('https://evil.com', 'OPTIONS')), inner)
})

filter('sets the five CORS headers, echoing the origin as sent, and calls the inner handler', async () => {
  const { handler, calls } = counting()
  const res = await run(cors(['^https://example\\.com$'])(handler), withOrigin('https://example.com'))
  assert.equal(res.headers, {
    'content-type': 'text/plain; charset=utf-8',
    'access-control-allow-origin': 'https://example.com',
    ...defaultCors,
  })
  assert.is(await bodyText(res), 'inner')
  assert.is(calls.n, 1)
})

filter('answers an allowed preflight OPTIONS with 204 and stops', async () => {
  const { handler, calls } = counting()
  const res = await run(cors(['//example\\.com(:|$)'])(handler), withOrigin('https://example.com:8443', 'OPTIONS'))
  assert.is(statusOf(res), 204)
  assert.equal(res.headers, { 'access-control-allow-origin': 'https://example.com:8443', ...defaultCors })
  assert.is(await bodyText(res), '')
  assert.is(calls.n, 0)
})

filter('lets values set by the inner handler win, as when Go sets them before calling it', async () => {
  const { handler } = counting(text(200, 'x', { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'false' }))
  const res = await run(cors(['.*'])(handler), withOrigin('https://a.example'))
  assert.is(res.headers['access-control-allow-origin'], '*')
  assert.is(res.headers['access-control-allow-credentials'], 'false')
  assert.is(res.headers['access-control-expose-headers'], 'Date')
})

filter('uses given lists and credentials; an empty list is an empty header', async () => {
  const { handler } = counting()
  const h = cors(['.*'], {
    allowedMethods: ['GET', 'POST'],
    allowedHeaders: [],
    exposedHeaders: ['Date', 'Audit-Id'],
    allowCredentials: '',
  })(handler)
  const res = await run(h, withOrigin('https://a.example'))
  assert.is(res.headers['access-control-allow-methods'], 'GET, POST')
  assert.is(res.headers['access-control-allow-headers'], '')
  assert.is(res.headers['access-control-expose-headers'], 'Date, Audit-Id')
  assert.is(res.headers['access-control-allow-credentials'], '')
  assert.not.ok('vary' in res.headers)
})

filter('matches unanchored on the whole origin, as upstream (hence the pinning validation)', async () => {
  const h = cors(['example.com'])(counting().handler)
  const res = await run(h, withOrigin('https://example.com.attacker.net'))
  assert.is(res.headers['access-control-allow-origin'], 'https://example.com.attacker.net')
  assert.not.ok('access-control-allow-origin' in (await run(h, withOrigin('https://example.org'))).headers)
})

filter('follows upstream TestCORSAllowedOrigins', async () => {
  const table: ReadonlyArray<readonly [ReadonlyArray<string>, string, boolean]> = [
    [[], 'example.com', false],
    [['example.com'], 'example.com', true],
    [['example.com'], 'not-allowed.com', false],
    [['not-matching.com', 'example.com'], 'example.com', true],
    [['.*'], 'example.com', true],
  ]
  for (const [patterns, origin, allowed] of table) {
    const res = await run(cors(patterns)(counting().handler), withOrigin(origin))
    assert.is(res.headers['access-control-allow-origin'], allowed ? origin : undefined, `${patterns.join(',')} ${origin}`)
  }
})

filter('reads the first of repeated Origin headers, as Go Header.Get', async () => {
  const res = await run(cors(['^https://a\\.example$'])(counting().handler), withOrigin(['https://a.example', 'https://b.example']))
  assert.is(res.headers['access-control-allow-origin'], 'https://a.example')
})

filter('understands Go syntax such as (?i) and \\Q...\\E', async () => {
  const h = cors(['(?i)^https://EXAMPLE\\.com$', '^\\Qhttp://a.b\\E$'])(counting().handler)
  assert.is((await run(h, withOrigin('https://example.COM'))).headers['access-control-allow-origin'], 'https://example.COM')
  assert.is((await run(h, withOrigin('http://a.b'))).headers['access-control-allow-origin'], 'http://a.b')
  assert.not.ok('access-control-allow-origin' in (await run(h, withOrigin('http://aXb'))).headers)
})

filter('throws upstream fatal message at build time for a pattern that does not compile', () => {
  assert.throws(
    () => cors(['^a$', '(b']),
    (e: Error) =>
      e.message ===
      'Invalid CORS allowed origin, --cors-allowed-origins flag was set to ^a$,(b - error parsing regexp: missing closing ): `(b`',
  )
})

const hostChars = fc.constantFrom(...'abcxyz019-.'.split(''))
const host = fc.string({ unit: hostChars, minLength: 1, maxLength: 6 })
const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`)

filter('sets headers exactly for listed origins and never otherwise (property)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(host, { minLength: 1, maxLength: 3 }), host, fc.boolean(), async (hosts, other, options) => {
      const inner = text(200, 'inner')
      const h = cors(hosts.map((x) => `^https://${quoteMeta(x)}$`))(counting(inner).handler)
      const origin = `https://${other}`
      const res = await run(h, withOrigin(origin, options ? 'OPTIONS' : 'GET'))
      if (hosts.includes(other)) assert.is(res.headers['access-control-allow-origin'], origin)
      else assert.is(res, inner)
    }),
  )
})

filter('never throws or rejects, and adds nothing for a non-matching origin (property)', async () => {
  const chars = fc.constantFrom(...'ab.*+?()[]^$|\\{}1,:/-'.split(''))
  const pattern = fc.string({ unit: chars, maxLength: 8 }).filter((p) => p !== '' && E.isRight(compileGoRegexp(p)))
  const origin = fc.string({ unit: fc.constantFrom(...'ab:/.1'.split('')), maxLength: 8 })
  await fc.assert(
    fc.asyncProperty(fc.array(pattern, { minLength: 1, maxLength: 3 }), origin, async (patterns, o) => {
      const inner = text(200, 'inner')
      const res = await run(cors(patterns)(counting(inner).handler), withOrigin(o))
      const matches =
        o !== '' && patterns.some((p) => E.isRight(compileGoRegexp(p)) && (compileGoRegexp(p) as E.Right<RegExp>).right.test(o))
      if (matches) assert.is(res.headers['access-control-allow-origin'], o)
      else assert.is(res, inner)
    }),
  )
})

const steps = suite('corsStep')

steps('is named cors and must run outside authentication', () => {
  const s = corsStep({ ...corsDefaults, allowedOriginPatterns: ['^https://a$'] })
  assert.is(s.name, 'cors')
  assert.equal(s.outside, ['authentication'])
  const authn: Step = tracingStep('authentication', [])
  assert.ok(E.isRight(checkChain([s, authn])))
  assert.equal(checkChain([authn, s]), E.left([{ _tag: 'MustRunOutside', step: 'cors', other: 'authentication' }]))
})

steps('builds the same filter as withCors', async () => {
  const s = corsStep({ ...corsDefaults, allowedOriginPatterns: ['^https://a$'] })
  const res = await run(build([s])(counting().handler), withOrigin('https://a', 'OPTIONS'))
  assert.is(statusOf(res), 204)
})

const validate = suite('validateCorsAllowedOrigins')

validate('accepts upstream valid lists', () => {
  for (const list of [
    [],
    ['^http://foo.com$'],
    ['^http://foo.com'],
    ['://foo.com$'],
    ['//foo.com$'],
    ['^http://foo.com(:|$)'],
    ['(^foo.com$)'],
    ['^http://foo.com$', '//bar.com(:|$)'],
  ]) {
    assert.equal(validateCorsAllowedOrigins(list), [], list.join(','))
  }
})

validate('reports an empty value with the help text', () => {
  assert.equal(validateCorsAllowedOrigins(['^http://foo.com$', '']), [
    `empty value in --cors-allowed-origins, help: ${corsAllowedOriginsHelpText}`,
  ])
})

validate('reports patterns that do not pin start and end of the host (CVE-2022-1996)', () => {
  const msg = `--cors-allowed-origins has an invalid regular expression: regular expression does not pin to start/end of host in the origin header, help: ${corsAllowedOriginsHelpText}`
  for (const p of ['^foo.com', '//foo.com', 'foo.com$', 'foo.com(:|$)']) assert.equal(validateCorsAllowedOrigins([p]), [msg], p)
  assert.equal(validateCorsAllowedOrigins(['^http://foo.com$', '^foo.com']), [msg])
})

validate('reports a pattern that does not compile with Go error text', () => {
  assert.equal(validateCorsAllowedOrigins(['^(foo$', '^ok$', '']), [
    `--cors-allowed-origins has an invalid regular expression: error parsing regexp: missing closing ): \`^(foo$\`, help: ${corsAllowedOriginsHelpText}`,
    `empty value in --cors-allowed-origins, help: ${corsAllowedOriginsHelpText}`,
  ])
})

validate('quotes upstream help text exactly', () => {
  assert.ok(
    corsAllowedOriginsHelpText.endsWith("Examples of valid expressions are '//example\\.com(:|$)' and '^https://example\\.com(:|$)'"),
  )
  assert.ok(
    corsAllowedOriginsHelpText.startsWith(
      'List of allowed origins for CORS, comma separated. An allowed origin can be a regular expression',
    ),
  )
})

const config = suite('CorsConfig')

config('decodes the defaults and a config without optional lists', () => {
  assert.ok(E.isRight(CorsConfig.decode(corsDefaults)))
  assert.ok(E.isRight(CorsConfig.decode({ allowedOriginPatterns: ['^a$'], allowCredentials: 'true' })))
  assert.ok(E.isLeft(CorsConfig.decode({ allowedOriginPatterns: '^a$', allowCredentials: 'true' })))
  assert.ok(E.isLeft(CorsConfig.decode({ allowedOriginPatterns: [], allowCredentials: true })))
})

config('defaults are upstream values with CORS off', () => {
  assert.equal(corsDefaults.allowedOriginPatterns, [])
  assert.is(corsDefaults.allowCredentials, 'true')
  assert.equal(corsDefaults.exposedHeaders, ['Date'])
})

filter.run()
steps.run()
validate.run()
config.run()
