import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import {
  type RequestInfo,
  type RequestInfoError,
  newRequestInfoResolver,
  requestInfoResolverDefaults,
  resolveRequestInfo,
} from '../../src/request/index.js'
import { makeRequest } from '../support/request.js'

const resolve = newRequestInfoResolver()

const right = (method: string, url: string): RequestInfo => {
  const r = resolve(method, url)
  if (E.isLeft(r)) throw new Error(`${method} ${url}: unexpected ${r.left.message}`)
  return r.right
}

const left = (method: string, url: string): RequestInfoError => {
  const r = resolve(method, url)
  if (E.isRight(r)) throw new Error(`${method} ${url}: expected an error, got ${JSON.stringify(r.right)}`)
  return r.left
}

// Upstream's TestGetAPIRequestInfo success table (requestinfo_test.go); upstream lists the apiPrefix of
// `/apis/...` rows as "api" but never checks it, the resolver gives "apis".
// method, url, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts
type Row = [string, string, string, string, string, string, string, string, string, string, string[]]
const resourceRows: Row[] = [
  ['GET', '/api/v1/namespaces', 'list', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  ['GET', '/api/v1/namespaces/other', 'get', 'api', '', 'v1', 'other', 'namespaces', '', 'other', ['namespaces', 'other']],
  ['GET', '/api/v1/namespaces/other/pods', 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods/foo', 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['HEAD', '/api/v1/namespaces/other/pods/foo', 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['GET', '/api/v1/pods', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['HEAD', '/api/v1/pods', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  [
    'PATCH',
    '/api/v1/namespaces/new-namespace',
    'patch',
    'api',
    '',
    'v1',
    'new-namespace',
    'namespaces',
    '',
    'new-namespace',
    ['namespaces', 'new-namespace'],
  ],
  ['GET', '/api/v1/proxy/namespaces/other/pods/foo', 'proxy', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  [
    'GET',
    '/api/v1/proxy/namespaces/other/pods/foo/subpath/not/a/subresource',
    'proxy',
    'api',
    '',
    'v1',
    'other',
    'pods',
    '',
    'foo',
    ['pods', 'foo', 'subpath', 'not', 'a', 'subresource'],
  ],
  ['GET', '/api/v1/watch/pods', 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods?watch=true', 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods?watch=false', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/watch/namespaces/other/pods', 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods?watch=1', 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods?watch=0', 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods/foo/status', 'get', 'api', '', 'v1', 'other', 'pods', 'status', 'foo', ['pods', 'foo', 'status']],
  [
    'GET',
    '/api/v1/namespaces/other/pods/foo/proxy/subpath',
    'get',
    'api',
    '',
    'v1',
    'other',
    'pods',
    'proxy',
    'foo',
    ['pods', 'foo', 'proxy', 'subpath'],
  ],
  [
    'PUT',
    '/api/v1/namespaces/other/finalize',
    'update',
    'api',
    '',
    'v1',
    'other',
    'namespaces',
    'finalize',
    'other',
    ['namespaces', 'other', 'finalize'],
  ],
  [
    'PUT',
    '/api/v1/namespaces/other/status',
    'update',
    'api',
    '',
    'v1',
    'other',
    'namespaces',
    'status',
    'other',
    ['namespaces', 'other', 'status'],
  ],
  ['PATCH', '/api/v1/namespaces/other/pods/foo', 'patch', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['DELETE', '/api/v1/namespaces/other/pods/foo', 'delete', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['POST', '/api/v1/namespaces/other/pods', 'create', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['DELETE', '/api/v1/nodes', 'deletecollection', 'api', '', 'v1', '', 'nodes', '', '', ['nodes']],
  ['DELETE', '/api/v1/namespaces', 'deletecollection', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  ['DELETE', '/api/v1/namespaces/other/pods', 'deletecollection', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  [
    'DELETE',
    '/apis/extensions/v1/namespaces/other/pods',
    'deletecollection',
    'apis',
    'extensions',
    'v1',
    'other',
    'pods',
    '',
    '',
    ['pods'],
  ],
  ['POST', '/apis/extensions/v1/namespaces/other/pods', 'create', 'apis', 'extensions', 'v1', 'other', 'pods', '', '', ['pods']],
  ['POST', '/apis/extensions/v1beta3/namespaces/other/pods', 'create', 'apis', 'extensions', 'v1beta3', 'other', 'pods', '', '', ['pods']],
  // beyond upstream's table
  ['OPTIONS', '/api/v1/pods', '', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['CONNECT', '/api/v1/namespaces/ns/pods/web/exec', '', 'api', '', 'v1', 'ns', 'pods', 'exec', 'web', ['pods', 'web', 'exec']],
  ['get', '/api/v1/pods/web', '', 'api', '', 'v1', '', 'pods', '', 'web', ['pods', 'web']],
  ['GET', '/api/v1/namespaces//pods', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '//api//v1/pods//', 'get', 'api', '', '', '', 'v1', '', 'pods', ['v1', 'pods']],
  ['GET', '/api/v1/pods//status', 'list', 'api', '', 'v1', '', 'pods', 'status', '', ['pods', '', 'status']],
  ['GET', '/api/v1/namespaces/a%2Fb/pods', 'get', 'api', '', 'v1', 'a', 'b', '', 'pods', ['b', 'pods']],
  ['GET', '/api/v1/watch/namespaces/ns', 'watch', 'api', '', 'v1', 'ns', 'namespaces', '', 'ns', ['namespaces', 'ns']],
  ['GET', '/apis/apps/v1/proxy/x', 'proxy', 'apis', 'apps', 'v1', '', 'x', '', '', ['x']],
]

const table = suite('newRequestInfoResolver: upstream table')

for (const [method, url, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts] of resourceRows) {
  table(`${method} ${url} resolves to ${verb || '""'} ${resource}${subresource ? `/${subresource}` : ''}`, () => {
    const path = url.split('?')[0] as string
    const info = right(method, url)
    const expected = { isResourceRequest: true, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts }
    assert.equal(
      { ...info, path: undefined, fieldSelector: undefined, labelSelector: undefined },
      { ...expected, path: undefined, fieldSelector: undefined, labelSelector: undefined },
    )
    assert.is(info.path, decodeURIComponent(path))
  })
}

// Upstream's TestGetNonAPIRequestInfo and the error cases of TestGetAPIRequestInfo: non-resource, no error.
const nonResourceRows: ReadonlyArray<readonly [string, string]> = [
  ['/', ''],
  ['', ''],
  ['/api', ''],
  ['/api/version', ''],
  ['/api/version/', ''],
  ['/apis/group/version/', 'apis'],
  ['/badprefix/version/resource', ''],
  ['/not-api/version/resource', ''],
  ['/apis/version/resource', 'apis'],
  ['/apis/extensions/v1beta1', 'apis'],
  ['/apis/extensions/v1beta1/', 'apis'],
  ['/healthz', ''],
  ['/apis', ''],
]

const nonResource = suite('newRequestInfoResolver: non-resource requests')

for (const [url, apiPrefix] of nonResourceRows) {
  nonResource(`${JSON.stringify(url)} is a non-resource request with apiPrefix ${JSON.stringify(apiPrefix)}`, () => {
    const info = right('GET', url)
    assert.is(info.isResourceRequest, false)
    assert.is(info.apiPrefix, apiPrefix)
    assert.equal(
      [info.verb, info.path, info.apiGroup, info.apiVersion, info.resource, info.parts],
      ['get', url.split('?')[0], '', '', '', []],
    )
  })
}

nonResource('a non-resource verb is the lower-cased method, whatever it is', () => {
  assert.is(right('POST', '/healthz').verb, 'post')
  assert.is(right('PROPFIND', '/debug/pprof/profile').verb, 'propfind')
  assert.is(right('OPTIONS', '/apis/apps/v1').verb, 'options')
})

nonResource('a segment count of group paths is checked after the prefix, resource segments included', () => {
  assert.is(right('GET', '/apis/batch/v1/job').isResourceRequest, true)
  assert.is(right('GET', '/apis/batch/v1/job/foo/scale').subresource, 'scale')
  assert.is(right('GET', '/api/version/resource/name/subresource').subresource, 'subresource')
})

const errors = suite('newRequestInfoResolver: errors')

errors('a path verb with nothing after it is an error carrying what was known', () => {
  const err = left('GET', '/api/v1/watch')
  assert.is(err.message, 'unable to determine kind and namespace from url, /api/v1/watch')
  assert.equal(
    err.partial,
    O.some({
      isResourceRequest: true,
      path: '/api/v1/watch',
      verb: 'get',
      apiPrefix: 'api',
      apiGroup: '',
      apiVersion: 'v1',
      namespace: '',
      resource: '',
      subresource: '',
      name: '',
      parts: [],
      fieldSelector: '',
      labelSelector: '',
    }),
  )
})

errors('the error prints the url as Go does: the escaped path as received, then ?query', () => {
  assert.is(
    left('DELETE', '/apis/apps/v1/proxy/?x=1&y').message,
    'unable to determine kind and namespace from url, /apis/apps/v1/proxy/?x=1&y',
  )
  assert.is(left('GET', '/api/%761/watch').message, 'unable to determine kind and namespace from url, /api/%761/watch')
  assert.is(left('GET', '/api/v1/watch?').message, 'unable to determine kind and namespace from url, /api/v1/watch?')
  assert.is(left('GET', '/api/v1/watch#frag').message, 'unable to determine kind and namespace from url, /api/v1/watch')
})

errors('the partial info of a grouped path names its group and version', () => {
  const err = left('PUT', '/apis/apps/v1beta2/watch')
  assert.ok(O.isSome(err.partial))
  if (O.isSome(err.partial))
    assert.equal([err.partial.value.apiGroup, err.partial.value.apiVersion, err.partial.value.verb], ['apps', 'v1beta2', 'put'])
})

errors('a target that does not parse is an error without partial info', () => {
  const err = left('GET', '/api/v1/pods%zz')
  assert.is(err._tag, 'RequestInfoError')
  assert.is(err.message, 'invalid URL escape "%zz"')
  assert.equal(err.partial, O.none)
  assert.ok(E.isLeft(resolve('GET', 'no-slash')))
})

const config = suite('newRequestInfoResolver: prefixes')

config('defaults are api and apis, with api groupless', () => {
  assert.equal(requestInfoResolverDefaults, { apiPrefixes: ['api', 'apis'], grouplessApiPrefixes: ['api'] })
})

config('custom prefixes decide what is a resource request and what has a group', () => {
  const custom = newRequestInfoResolver({ apiPrefixes: ['apis', 'core'], grouplessApiPrefixes: ['core'] })
  const info = (url: string) => E.getOrElseW(() => undefined)(custom('GET', url))
  assert.is(info('/api/v1/pods')?.isResourceRequest, false)
  assert.equal([info('/core/v1/pods')?.apiPrefix, info('/core/v1/pods')?.apiGroup, info('/core/v1/pods')?.resource], ['core', '', 'pods'])
  assert.equal([info('/apis/g/v/r')?.apiGroup, info('/apis/g/v/r')?.resource], ['g', 'r'])
})

config('a prefix that is not groupless needs a group segment', () => {
  const grouped = newRequestInfoResolver({ apiPrefixes: ['api'], grouplessApiPrefixes: [] })
  const r = grouped('GET', '/api/v1/pods')
  assert.ok(E.isRight(r) && !r.right.isResourceRequest && r.right.apiPrefix === 'api')
})

const fromRequest = suite('resolveRequestInfo')

fromRequest('resolves a core Request from its decoded path and raw query', () => {
  const resolveReq = resolveRequestInfo()
  const r = resolveReq(makeRequest('/api/v1/namespaces/ns/pods?watch=1&labelSelector=app%3Dweb', { method: 'GET' }))
  assert.ok(E.isRight(r))
  if (E.isRight(r))
    assert.equal([r.right.verb, r.right.namespace, r.right.resource, r.right.labelSelector], ['watch', 'ns', 'pods', 'app=web'])
})

fromRequest('agrees with the string resolver on every table row', () => {
  const resolveReq = resolveRequestInfo(requestInfoResolverDefaults)
  for (const [method, url] of resourceRows) assert.equal(resolveReq(makeRequest(url, { method })), resolve(method, url), url)
})

fromRequest('uses the configured prefixes', () => {
  const r = resolveRequestInfo({ apiPrefixes: ['x'], grouplessApiPrefixes: ['x'] })(makeRequest('/x/v1/things', { method: 'DELETE' }))
  assert.ok(E.isRight(r) && r.right.verb === 'deletecollection' && r.right.apiPrefix === 'x')
})

fromRequest('reports the path-verb error with the url as received', () => {
  const r = resolveRequestInfo()(makeRequest('/api/v1/proxy?q=%41', { method: 'GET' }))
  assert.ok(E.isLeft(r) && r.left.message === 'unable to determine kind and namespace from url, /api/v1/proxy?q=%41')
})

table.run()
nonResource.run()
errors.run()
config.run()
fromRequest.run()
