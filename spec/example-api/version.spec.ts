import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { VersionInfo, followedKubernetes, versionHandler, versionInfo } from '../../src/example-api/version.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const src = { packageVersion: '0.1.0', nodeVersion: 'v20.11.0', platform: 'linux', arch: 'x64' }

// k8s.io/apimachinery's version.ParseSemantic, which kubectl's skew check applies to gitVersion.
const semantic = /^v?([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

const info = suite('versionInfo')
info("reports the followed Kubernetes release, with kubechain's version as build metadata", () => {
  const v = versionInfo(src)
  assert.equal(v, {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0+kubechain-0.1.0',
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

info("major and minor agree with gitVersion, as kubectl's skew check reads it", () => {
  const m = semantic.exec(versionInfo(src).gitVersion)
  assert.equal([m?.[1], m?.[2]], [followedKubernetes.major, followedKubernetes.minor])
})

info('any package version still gives a semantic gitVersion for 1.32 that names it', () => {
  fc.assert(
    fc.property(fc.string(), (packageVersion) => {
      const v = versionInfo({ ...src, packageVersion }).gitVersion
      const m = semantic.exec(v)
      return m !== null && m[1] === '1' && m[2] === '32' && m[4] === undefined && (m[5] ?? '').startsWith('kubechain-')
    }),
  )
  assert.is(versionInfo({ ...src, packageVersion: '1.0.0-rc.1+x' }).gitVersion, 'v1.32.0+kubechain-1.0.0-rc.1-x')
  assert.is(versionInfo({ ...src, packageVersion: '2..0' }).gitVersion, 'v1.32.0+kubechain-2.0.0')
})
info.run()

const handler = suite('versionHandler')
handler('answers GET /version with indented JSON', async () => {
  const h = versionHandler(versionInfo(src))
  const res = await run(h, makeRequest('/version'))
  assert.is(statusOf(res), 200)
  const text = await bodyText(res)
  assert.ok(text.startsWith('{\n  "major": "1",\n  "minor": "32",\n  "gitVersion": "v1.32.0+kubechain-0.1.0",'))
  assert.not.ok(text.endsWith('\n'))
  assert.is(statusOf(await run(h, makeRequest('/version/'))), 200)
  assert.is(statusOf(await run(h, makeRequest('/version', { method: 'POST' }))), 405)
  assert.is(statusOf(await run(h, makeRequest('/version/x'))), 404)
})
handler.run()
