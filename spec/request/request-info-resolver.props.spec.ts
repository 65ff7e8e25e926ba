import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { parseTarget } from '../../src/core/index.js'
import { newRequestInfoResolver, resolveRequestInfo } from '../../src/request/index.js'
import { anyString } from './arbitraries.js'
import { makeRequest } from '../support/request.js'

const resolve = newRequestInfoResolver()
const resolveReq = resolveRequestInfo()

const methods = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'get'), anyString(8))

const segment = fc.oneof(
  fc.constantFrom('api', 'apis', 'v1', 'apps', 'namespaces', 'ns', 'pods', 'watch', 'proxy', 'status', 'finalize', 'log'),
  fc.constantFrom('', '.', '..', '%', '%2F', '%zz', '%E0%A4', '%C3%A9', '?', '??', '#', '%3F', ';', '+', '\\'),
  anyString(6),
)

const queryValue = fc.oneof(
  fc.constantFrom(
    '',
    'true',
    'false',
    '0',
    '1',
    'metadata.name=web',
    'metadata.name=a,b',
    'a\\',
    'x in (a,,)',
    '-1',
    '9223372036854775808',
  ),
  anyString(10),
)
const queryKey = fc.constantFrom('watch', 'limit', 'timeoutSeconds', 'fieldSelector', 'labelSelector', 'resourceVersion', 'x')
/** Percent-encodes a value, or leaves it raw when it holds a lone surrogate (raw values are worth trying too). */
const encode = (v: string): string => {
  try {
    return encodeURIComponent(v)
  } catch {
    return v
  }
}
const query = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }).map((kvs) => kvs.map(([k, v]) => `${k}=${encode(v)}`).join('&'))

const target = fc
  .tuple(fc.array(segment, { maxLength: 10 }), fc.option(query), fc.boolean())
  .map(([segs, q, lead]) => `${lead ? '/' : ''}${segs.join('/')}${q === null ? '' : `?${q}`}`)

const isResult = (r: unknown): boolean =>
  typeof r === 'object' &&
  r !== null &&
  ((r as E.Either<unknown, unknown>)._tag === 'Left' || (r as E.Either<unknown, unknown>)._tag === 'Right')

const total = suite('newRequestInfoResolver: totality')

total('never throws and always answers Right or Left, for any string', () => {
  fc.assert(
    fc.property(methods, anyString(60), (m, url) => isResult(resolve(m, url))),
    { numRuns: 200 },
  )
})

total('never throws on paths mixing slashes, escapes good and bad, dots and queries', () => {
  fc.assert(
    fc.property(methods, target, (m, url) => {
      const r = resolve(m, url)
      const parsed = parseTarget(url)
      if (E.isLeft(r)) return r.left._tag === 'RequestInfoError'
      const expectedPath = url === '' ? '' : E.isRight(parsed) ? parsed.right.path : undefined
      return r.right.path === expectedPath && (r.right.isResourceRequest || r.right.verb === m.toLowerCase())
    }),
    { numRuns: 300 },
  )
})

total('never throws on very long paths', () => {
  const long = fc.array(segment, { minLength: 500, maxLength: 2000 }).map((s) => `/${s.join('/')}`)
  fc.assert(
    fc.property(methods, long, (m, url) => isResult(resolve(m, url))),
    { numRuns: 15 },
  )
  const huge = `/api/v1/namespaces/${'a/'.repeat(5000)}x?watch=1`
  const r = resolve('GET', huge)
  assert.ok(E.isRight(r) && r.right.parts.length === 5000 && r.right.namespace === 'a')
})

total('a core Request and its target string resolve alike', () => {
  fc.assert(
    fc.property(methods, target, (m, url) => {
      if (!url.startsWith('/') || E.isLeft(parseTarget(url))) return true
      const a = resolveReq(makeRequest(url, { method: m }))
      const b = resolve(m, url)
      assert.equal(a, b)
      return true
    }),
    { numRuns: 200 },
  )
})

total('splits the path like Go: every leading and trailing slash trimmed, inner empty segments kept', () => {
  const custom = newRequestInfoResolver({ apiPrefixes: ['p'], grouplessApiPrefixes: ['p'] })
  const shape = fc.tuple(fc.nat(3), fc.array(fc.stringMatching(/^[a-z]{0,2}$/), { maxLength: 6 }), fc.nat(3))
  fc.assert(
    fc.property(shape, ([lead, segs, trail]) => {
      const path = `${'/'.repeat(lead)}p/v/r${segs.map((x) => `/${x}`).join('')}${'/'.repeat(trail)}`
      const r = custom('PUT', path.startsWith('/') ? path : `/${path}`)
      const expected = path
        .replace(/^\/+|\/+$/g, '')
        .split('/')
        .slice(2)
      assert.equal(E.isRight(r) ? r.right.parts : undefined, expected, path)
    }),
    { numRuns: 200 },
  )
})

// Round trip: a URL built from valid parts resolves back to them.
const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/)
const group = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.'))
const version = fc.stringMatching(/^v[1-9][0-9]?((alpha|beta)[1-9])?$/)
const resourceName = label.filter((r) => !['namespaces', 'watch', 'proxy'].includes(r))
const methodVerb = fc.constantFrom<readonly [string, string]>(
  ['GET', 'get'],
  ['HEAD', 'get'],
  ['POST', 'create'],
  ['PUT', 'update'],
  ['PATCH', 'patch'],
  ['DELETE', 'delete'],
)

const parts = fc.record({
  group: fc.option(group, { nil: undefined }),
  version,
  namespace: fc.option(label, { nil: undefined }),
  resource: resourceName,
  name: fc.option(label, { nil: undefined }),
  subresource: fc.option(label, { nil: undefined }),
  method: methodVerb,
})

const roundTrip = suite('newRequestInfoResolver: round trip')

roundTrip('a URL built from group, version, namespace, resource, name and subresource resolves back to them', () => {
  fc.assert(
    fc.property(parts, (p) => {
      const sub = p.name === undefined ? undefined : p.subresource
      const segs = [
        p.group === undefined ? 'api' : 'apis',
        p.group,
        p.version,
        ...(p.namespace === undefined ? [] : ['namespaces', p.namespace]),
        p.resource,
        p.name,
        sub,
      ]
      const url = `/${segs.filter((s) => s !== undefined).join('/')}`
      const [method, verb] = p.method
      const r = resolve(method, url)
      const collectionVerb = verb === 'get' ? 'list' : verb === 'delete' ? 'deletecollection' : verb
      assert.ok(E.isRight(r), url)
      if (E.isLeft(r)) return
      assert.equal(
        [
          r.right.isResourceRequest,
          r.right.apiPrefix,
          r.right.apiGroup,
          r.right.apiVersion,
          r.right.namespace,
          r.right.resource,
          r.right.name,
          r.right.subresource,
          r.right.verb,
        ],
        [
          true,
          p.group === undefined ? 'api' : 'apis',
          p.group ?? '',
          p.version,
          p.namespace ?? '',
          p.resource,
          p.name ?? '',
          sub ?? '',
          p.name === undefined ? collectionVerb : verb,
        ],
        url,
      )
    }),
    { numRuns: 300 },
  )
})

total.run()
roundTrip.run()
