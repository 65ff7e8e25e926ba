import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { newRequestInfoResolver } from '../../src/request/index.js'

const resolve = newRequestInfoResolver()

const picked = (method: string, url: string) => {
  const r = resolve(method, url)
  if (E.isLeft(r)) throw new Error(`${method} ${url}: unexpected ${r.left.message}`)
  const { name, verb, fieldSelector, labelSelector } = r.right
  return { name, verb, fieldSelector, labelSelector }
}

// Upstream's TestSelectorParsing (and the older TestFieldSelectorParsing) rows, then rows of our own.
// method, url, name, verb, fieldSelector, labelSelector
type Row = readonly [string, string, string, string, string, string]
const base = '/apis/group/version/resource'
const rows: ReadonlyArray<readonly [string, Row]> = [
  ['no selector', ['GET', base, '', 'list', '', '']],
  ['metadata.name selector', ['GET', `${base}?fieldSelector=metadata.name=name1`, 'name1', 'list', 'metadata.name=name1', '']],
  [
    'metadata.name selector with watch',
    ['GET', `${base}?watch=true&fieldSelector=metadata.name=name1`, 'name1', 'watch', 'metadata.name=name1', ''],
  ],
  ['random selector', ['GET', `${base}?fieldSelector=foo=bar&labelSelector=baz=qux`, '', 'list', 'foo=bar', 'baz=qux']],
  [
    'invalid selector with metadata.name',
    ['GET', `${base}?fieldSelector=metadata.name=name1,foo`, '', 'list', 'metadata.name=name1,foo', ''],
  ],
  [
    'invalid selector with metadata.name with watch',
    ['GET', `${base}?fieldSelector=metadata.name=name1,foo&watch=true`, '', 'watch', 'metadata.name=name1,foo', ''],
  ],
  [
    'invalid selector with metadata.name with watch false',
    ['GET', `${base}?fieldSelector=metadata.name=name1,foo&watch=false`, '', 'list', 'metadata.name=name1,foo', ''],
  ],
  [
    'selector on deletecollection is honored',
    ['DELETE', `${base}?fieldSelector=foo=bar&labelSelector=baz=qux`, '', 'deletecollection', 'foo=bar', 'baz=qux'],
  ],
  [
    'selector on repeated param matches parsed param',
    [
      'GET',
      `${base}?fieldSelector=metadata.name=foo&fieldSelector=metadata.name=bar&labelSelector=foo=bar&labelSelector=foo=baz`,
      'foo',
      'list',
      'metadata.name=foo',
      'foo=bar',
    ],
  ],
  ['selector on other verb is ignored', ['GET', `${base}/name?fieldSelector=foo=bar&labelSelector=foo=bar`, 'name', 'get', '', '']],
  [
    'selector on deprecated root type watch is not parsed',
    ['GET', '/apis/group/version/watch/resource?fieldSelector=metadata.name=foo&labelSelector=foo=bar', '', 'watch', '', ''],
  ],
  [
    'selector on deprecated root item watch is not parsed',
    ['GET', '/apis/group/version/watch/resource/name?fieldSelector=metadata.name=foo&labelSelector=foo=bar', 'name', 'watch', '', ''],
  ],
  // watch values (codec rule when decoding succeeds, upstream's manual rule when it fails)
  ['watch=0 lists', ['GET', `${base}?watch=0`, '', 'list', '', '']],
  ['watch=FALSE lists', ['GET', `${base}?watch=FALSE`, '', 'list', '', '']],
  ['an empty watch value watches', ['GET', `${base}?watch=`, '', 'watch', '', '']],
  ['a bare watch key watches', ['GET', `${base}?watch`, '', 'watch', '', '']],
  ['watch=no watches', ['GET', `${base}?watch=no`, '', 'watch', '', '']],
  ['only the first watch value counts', ['GET', `${base}?watch=false&watch=true`, '', 'list', '', '']],
  ['the codec folds a long s in false', ['GET', `${base}?watch=fal%C5%BFe`, '', 'list', '', '']],
  ['the fallback read does not fold a long s', ['GET', `${base}?watch=fal%C5%BFe&limit=x`, '', 'watch', '', '']],
  ['watch=true with a broken limit still watches', ['GET', `${base}?watch=true&limit=ten`, '', 'watch', '', '']],
  // what makes list-options decoding fail (and so loses the name from the field selector)
  [
    'a non-numeric limit drops the name',
    ['GET', `${base}?fieldSelector=metadata.name%3Dweb&limit=ten`, '', 'list', 'metadata.name=web', ''],
  ],
  ['an empty limit drops the name', ['GET', `${base}?fieldSelector=metadata.name%3Dweb&limit=`, '', 'list', 'metadata.name=web', '']],
  [
    'an int64-overflowing limit drops the name',
    ['GET', `${base}?fieldSelector=metadata.name%3Dweb&limit=9223372036854775808`, '', 'list', 'metadata.name=web', ''],
  ],
  [
    'a fractional timeoutSeconds drops the name',
    ['GET', `${base}?fieldSelector=metadata.name%3Dweb&timeoutSeconds=1.5`, '', 'list', 'metadata.name=web', ''],
  ],
  [
    'a malformed labelSelector drops the name',
    ['GET', `${base}?fieldSelector=metadata.name%3Dweb&labelSelector=a%3D%3Db%3Dc`, '', 'list', 'metadata.name=web', 'a==b=c'],
  ],
  [
    'an invalid label key drops the name',
    ['GET', `${base}?fieldSelector=metadata.name%3Dweb&labelSelector=-a%3Db`, '', 'list', 'metadata.name=web', '-a=b'],
  ],
  [
    'valid integers and strings keep the name',
    [
      'GET',
      `${base}?fieldSelector=metadata.name%3Dweb&limit=-5&timeoutSeconds=%2B7&resourceVersion=x&continue=y&allowWatchBookmarks=z`,
      'web',
      'list',
      'metadata.name=web',
      '',
    ],
  ],
  [
    'a valid set-based labelSelector keeps the name',
    [
      'GET',
      `${base}?fieldSelector=metadata.name%3Dweb&labelSelector=env+in+(prod,,dev),!canary`,
      'web',
      'list',
      'metadata.name=web',
      'env in (prod,,dev),!canary',
    ],
  ],
  // the name from the field selector
  ['metadata.name== gives the name', ['GET', `${base}?fieldSelector=metadata.name%3D%3Dweb`, 'web', 'list', 'metadata.name==web', '']],
  ['metadata.name!= gives no name', ['GET', `${base}?fieldSelector=metadata.name!%3Dweb`, '', 'list', 'metadata.name!=web', '']],
  [
    'an escaped comma stays in the name',
    ['GET', `${base}?fieldSelector=metadata.name%3Da%5C%2Cb,x%3Dy`, 'a,b', 'list', 'metadata.name=a\\,b,x=y', ''],
  ],
  [
    'the first term in sorted order wins',
    ['GET', `${base}?fieldSelector=metadata.name%3Db,metadata.name%3Da`, 'a', 'list', 'metadata.name=b,metadata.name=a', ''],
  ],
  ['a name with a slash is not taken', ['GET', `${base}?fieldSelector=metadata.name%3Da/b`, '', 'list', 'metadata.name=a/b', '']],
  ['a name with a percent is not taken', ['GET', `${base}?fieldSelector=metadata.name%3Da%25b`, '', 'list', 'metadata.name=a%b', '']],
  ['.. is not taken as a name', ['GET', `${base}?fieldSelector=metadata.name%3D..`, '', 'list', 'metadata.name=..', '']],
  [
    'a field selector on a delete names nothing',
    ['DELETE', `${base}?fieldSelector=metadata.name%3Dweb`, '', 'deletecollection', 'metadata.name=web', ''],
  ],
  ['a named delete keeps its verb and no selectors', ['DELETE', `${base}/web?fieldSelector=a%3Db`, 'web', 'delete', '', '']],
  ['create carries no selectors', ['POST', `${base}?fieldSelector=a%3Db&labelSelector=c`, '', 'create', '', '']],
  ['a watch from the path ignores the query', ['GET', '/api/v1/watch/pods?watch=false&fieldSelector=a%3Db', '', 'watch', '', '']],
]

const lists = suite('newRequestInfoResolver: list, watch and selectors')

for (const [title, [method, url, name, verb, fieldSelector, labelSelector]] of rows) {
  lists(title, () => {
    assert.equal(picked(method, url), { name, verb, fieldSelector, labelSelector })
  })
}

lists('a name from the field selector does not turn a delete into a named delete', () => {
  assert.is(picked('DELETE', `${base}?fieldSelector=metadata.name%3Dweb`).verb, 'deletecollection')
})

lists.run()
