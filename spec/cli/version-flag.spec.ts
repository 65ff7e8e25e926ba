import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { command } from '../../src/cli/command.js'
import { serveVersionRequest } from '../../src/cli/flags/serve-version-request.js'
import { runServe } from '../../src/cli/serve-command.js'
import { parseVersionFlag, versionSource, versionText } from '../../src/cli/version-flag.js'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
const source = { packageVersion: '1.2.3', nodeVersion: 'v22.1.0', platform: 'linux', arch: 'x64' }

const version = suite('--version')

version('reads upstream verflag values: boolean words and raw', () => {
  assert.equal(parseVersionFlag('true'), E.right('true'))
  assert.equal(parseVersionFlag('1'), E.right('true'))
  assert.equal(parseVersionFlag('false'), E.right('false'))
  assert.equal(parseVersionFlag('raw'), E.right('raw'))
  assert.equal(parseVersionFlag('v1.2'), E.left('expected true, false or raw, got "v1.2"'))
})

version('prints "kubechain v<version>" as upstream prints "Kubernetes v<version>"; raw prints the /version record', () => {
  assert.is(versionText('true', source), 'kubechain v1.2.3\n')
  const raw = versionText('raw', source)
  assert.ok(raw.endsWith('}\n') && !raw.slice(0, -1).includes('\n'), 'one line')
  assert.equal(JSON.parse(raw), {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0+kubechain-1.2.3',
    gitCommit: '',
    gitTreeState: '',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: 'v22.1.0',
    compiler: 'node',
    platform: 'linux/x64',
  })
})

version("the version is read from the package's own package.json at run time", () => {
  assert.is(versionSource().packageVersion, pkg.version)
  assert.is(versionSource().nodeVersion, process.version)
})

version('kubechain --version and --version=raw ask for the version; a bad value exits 2; =false is no command', () => {
  assert.equal(command(['--version']), { _tag: 'Version', request: 'true' })
  assert.equal(command(['--version=raw']), { _tag: 'Version', request: 'raw' })
  const bad = command(['--version=soon'])
  assert.equal(bad._tag === 'Print' ? [bad.result.code, bad.result.stderr] : [], [
    2,
    'kubechain: --version: expected true, false or raw, got "soon"\n',
  ])
  const off = command(['--version=false'])
  assert.equal(off._tag === 'Print' ? off.result.code : -1, 0)
})

version('kubechain serve --version: after the flags parse, before options are validated; --help wins', () => {
  assert.is(serveVersionRequest(['--secure-port=0', '--version']), 'true')
  assert.is(serveVersionRequest(['--version=raw']), 'raw')
  assert.is(serveVersionRequest(['--version=false']), 'false')
  assert.is(serveVersionRequest([]), 'false')
  assert.is(serveVersionRequest(['--nope', '--version']), 'false')
  assert.is(serveVersionRequest(['--version', '--help']), 'false')
})

version('kubechain serve --version prints the version and exits 0 without serving', async () => {
  let out = ''
  let stopAsked = false
  const code = await runServe(['--version'], {
    out: (s) => void (out += s),
    err: () => undefined,
    stop: () => ((stopAsked = true), AbortSignal.abort()),
  })
  assert.equal({ code, out, stopAsked }, { code: 0, out: `kubechain v${pkg.version}\n`, stopAsked: false })
})

version.run()
