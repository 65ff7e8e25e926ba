import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { serverSettings } from '../../src/cli/server-settings.js'
import { type CompletedOptions, completeServeOptions } from '../../src/config/options/complete-options.js'
import { type ServeOptions, serveOptionsDefaults } from '../../src/config/options/serve-options.js'

const noInterfaces = { interfaces: () => ({}) }

/** Completed options: upstream's defaults with some sections changed. */
const completed = (
  o: { serverRun?: Partial<ServeOptions['serverRun']>; secureServing?: Partial<ServeOptions['secureServing']>; clientCAFile?: string } = {},
): CompletedOptions =>
  completeServeOptions(
    {
      ...serveOptionsDefaults,
      serverRun: { ...serveOptionsDefaults.serverRun, ...o.serverRun },
      secureServing: { ...serveOptionsDefaults.secureServing, ...o.secureServing },
      authentication: { ...serveOptionsDefaults.authentication, clientCAFile: o.clientCAFile ?? '' },
    },
    noInterfaces,
  )

const settingsOf = (o: CompletedOptions) => {
  const s = serverSettings(o)
  if (E.isLeft(s)) throw new Error(`unexpected problems: ${JSON.stringify(s.left)}`)
  return s.right
}

const settings = suite('serverSettings')

settings('carries the run flags into the chain config, keeping the chain defaults the flags do not set', () => {
  const s = settingsOf(
    completed({
      serverRun: {
        maxRequestsInFlight: 7,
        maxMutatingRequestsInFlight: 3,
        requestTimeout: 30_000,
        minRequestTimeout: 900,
        shutdownDelayDuration: 2_000,
        corsAllowedOriginList: ['//example\\.com$'],
        hstsDirectives: ['max-age=60'],
      },
    }),
  )
  assert.is(s.config.maxRequestsInFlight, 7)
  assert.is(s.config.maxMutatingRequestsInFlight, 3)
  assert.is(s.config.requestTimeout, 30_000)
  assert.is(s.config.minRequestTimeout, 900)
  assert.is(s.config.shutdownDelayDuration, 2_000)
  assert.equal(s.config.corsAllowedOriginList, ['//example\\.com$'])
  assert.equal(s.config.hstsDirectives, ['max-age=60'])
  assert.is(s.config.maxRequestBodyBytes, 3 * 1024 * 1024)
  assert.equal(s.config.legacyApiGroupPrefixes, ['/api'])
})

settings('the lifecycle waits the request timeout for requests on shutdown (upstream ShutdownTimeout = RequestTimeout)', () => {
  const s = settingsOf(
    completed({
      serverRun: {
        requestTimeout: 45_000,
        shutdownDelayDuration: 3_000,
        shutdownSendRetryAfter: true,
        shutdownWatchTerminationGracePeriod: 5_000,
        livezGracePeriod: 8_000,
      },
    }),
  )
  assert.equal(s.lifecycle, {
    shutdownDelayDuration: 3_000,
    shutdownTimeout: 45_000,
    shutdownSendRetryAfter: true,
    shutdownWatchTerminationGracePeriod: 5_000,
    livezGracePeriod: 8_000,
    disabledPostStartHooks: [],
  })
})

settings('serving takes the bind address, port, certificate directory, TLS options and the client CA file', () => {
  const s = settingsOf(
    completed({
      secureServing: {
        bindAddress: '127.0.0.1',
        bindPort: 8443,
        certDir: '/tmp/certs',
        cipherSuites: ['TLS_AES_128_GCM_SHA256'],
        minTLSVersion: 'VersionTLS13',
      },
      clientCAFile: '/etc/ca.crt',
    }),
  )
  assert.is(s.serving.bindAddress, '127.0.0.1')
  assert.is(s.serving.bindPort, 8443)
  assert.is(s.serving.certDir, '/tmp/certs')
  assert.is(s.serving.pairName, 'apiserver')
  assert.is(s.serving.minTLSVersion, 'VersionTLS13')
  assert.equal(s.serving.cipherSuites, ['TLS_AES_128_GCM_SHA256'])
  assert.is(s.serving.clientCAFile, '/etc/ca.crt')
  assert.is(s.serving.disableHTTP2, false)
})

settings('defaults: port 6443 and TLS 1.2 as the minimum', () => {
  const s = settingsOf(completed())
  assert.is(s.serving.bindPort, 6443)
  assert.is(s.serving.minTLSVersion, 'VersionTLS12')
  assert.is(s.config.maxRequestsInFlight, 400)
})

settings('reports the problems of the chain config and of serving together, each with its path', () => {
  const s = serverSettings(completed({ serverRun: { goawayChance: 0.5 }, secureServing: { bindPort: 70_000 } }))
  assert.ok(E.isLeft(s))
  if (E.isRight(s)) return
  assert.equal(s.left.map((p) => p.path).sort(), ['goawayChance', 'secureServing.bindPort'])
  const port = s.left.find((p) => p.path === 'secureServing.bindPort')
  assert.match(port?.message ?? '', '70000')
})

settings('a CORS origin that does not compile is a problem naming the list', () => {
  const s = serverSettings(completed({ serverRun: { corsAllowedOriginList: ['(unclosed'] } }))
  assert.ok(E.isLeft(s))
  if (E.isRight(s)) return
  assert.ok(
    s.left.every((p) => p.path.startsWith('corsAllowedOriginList')),
    JSON.stringify(s.left),
  )
  assert.match(JSON.stringify(s.left), '(unclosed')
})

settings.run()
