import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { VersionInfo, versionHandler, versionInfo } from '../../src/example-api/version.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const src = { packageVersion: '0.1.0', nodeVersion: 'v20.11.0', platform: 'linux', arch: 'x64' }

const info = suite('versionInfo')
info('fills upstream fields from the package and runtime', () => {
  const v = versionInfo(src)
  assert.equal(v, {
    major: '0',
    minor: '1',
    gitVersion: 'v0.1.0',
    gitCommit: '',
    gitTreeState: '',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: 'v20.11.0',
    compiler: 'node',
    platform: 'linux/x64',
  })
  assert.ok(E.isRight(VersionInfo.decode(v)))
  assert.is(versionInfo({ ...src, gitCommit: 'abc' }).gitTreeState, 'clean')
})
info.run()

const handler = suite('versionHandler')
handler('answers GET /version with indented JSON', async () => {
  const h = versionHandler(versionInfo(src))
  const res = await run(h, makeRequest('/version'))
  assert.is(statusOf(res), 200)
  const text = await bodyText(res)
  assert.ok(text.startsWith('{\n  "major": "0",\n  "minor": "1",'))
  assert.not.ok(text.endsWith('\n'))
  assert.is(statusOf(await run(h, makeRequest('/version/'))), 200)
  assert.is(statusOf(await run(h, makeRequest('/version', { method: 'POST' }))), 405)
  assert.is(statusOf(await run(h, makeRequest('/version/x'))), 404)
})
handler.run()
