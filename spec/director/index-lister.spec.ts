import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { indexLister, rootPathsJson, unionPaths } from '../../src/director/index.js'
import { makeRequest, run } from '../support/request.js'
import { reply } from './fixtures.js'

const lister = suite('index lister')

lister('writes RootPaths as Go json.MarshalIndent with two spaces and no trailing newline', () => {
  assert.is(rootPathsJson(['/api', '/healthz']), '{\n  "paths": [\n    "/api",\n    "/healthz"\n  ]\n}')
  assert.is(rootPathsJson([]), '{\n  "paths": []\n}')
})

lister('escapes <, > and & as Go does', () => {
  assert.is(rootPathsJson(['/a<b>&c']), '{\n  "paths": [\n    "/a\\u003cb\\u003e\\u0026c"\n  ]\n}')
})

lister('answers the given status with application/json and reads the paths on every request', async () => {
  let paths: ReadonlyArray<string> = ['/a']
  const h = indexLister(404, () => paths)
  const res = await run(h, makeRequest('/nope'))
  assert.equal(res.headers, { 'content-type': 'application/json' })
  assert.equal(await reply(h, '/nope'), { status: 404, body: '{\n  "paths": [\n    "/a"\n  ]\n}' })
  paths = ['/a', '/b']
  assert.equal(JSON.parse((await reply(h, '/')).body), { paths: ['/a', '/b'] })
})

lister('unionPaths sorts and keeps each path once (ListedPathProviders)', () => {
  assert.equal(unionPaths(['/b', '/a'], [], ['/a', '/c', '/b']), ['/a', '/b', '/c'])
  assert.equal(unionPaths(), [])
})

lister.run()
