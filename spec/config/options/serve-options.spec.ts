import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { configDefaults } from '../../../src/config/server-config.js'
import { lifecycleDefaults } from '../../../src/lifecycle/lifecycle-config.js'
import { requestHeaderDefaults } from '../../../src/auth/request-header-authenticator.js'
import { ServeOptions, serveOptionsDefaults } from '../../../src/config/options/serve-options.js'

const codec = suite('ServeOptions')

codec('decodes its defaults', () => {
  assert.equal(ServeOptions.decode(serveOptionsDefaults), E.right(serveOptionsDefaults))
})

codec('refuses a value of the wrong type', () => {
  const bad = { ...serveOptionsDefaults, secureServing: { ...serveOptionsDefaults.secureServing, bindPort: '6443' } }
  assert.ok(E.isLeft(ServeOptions.decode(bad)))
})

codec.run()

const defaults = suite('serveOptionsDefaults')

defaults("secure serving: 0.0.0.0:6443, the generic server's certificate directory, TLS minimum left to complete", () => {
  assert.equal(serveOptionsDefaults.secureServing, {
    bindAddress: '0.0.0.0',
    bindPort: 6443,
    certDir: 'apiserver.local.config/certificates',
    pairName: 'apiserver',
    certFile: '',
    keyFile: '',
    minTLSVersion: '',
    cipherSuites: [],
    sniCertKeys: [],
  })
})

defaults('server run values equal upstream NewConfig defaults', () => {
  const r = serveOptionsDefaults.serverRun
  assert.is(r.maxRequestsInFlight, configDefaults.maxRequestsInFlight)
  assert.is(r.maxMutatingRequestsInFlight, configDefaults.maxMutatingRequestsInFlight)
  assert.is(r.requestTimeout, configDefaults.requestTimeout)
  assert.is(r.minRequestTimeout, configDefaults.minRequestTimeout)
  assert.is(r.goawayChance, configDefaults.goawayChance)
  assert.is(r.shutdownDelayDuration, lifecycleDefaults.shutdownDelayDuration)
  assert.is(r.shutdownSendRetryAfter, lifecycleDefaults.shutdownSendRetryAfter)
  assert.is(r.shutdownWatchTerminationGracePeriod, lifecycleDefaults.shutdownWatchTerminationGracePeriod)
  assert.is(r.livezGracePeriod, lifecycleDefaults.livezGracePeriod)
  assert.is(r.requestTimeout, 60_000)
})

defaults('authentication: anonymous on, no files, the front-proxy header defaults', () => {
  assert.equal(serveOptionsDefaults.authentication, { clientCAFile: '', tokenAuthFile: '', anonymousAuth: true, ...requestHeaderDefaults })
})

defaults(
  'authorization RBAC with no policy file; audit log blocking, rotation 0, log batches of 1 from a buffer of 10000 unthrottled; verbosity 0',
  () => {
    assert.equal(serveOptionsDefaults.authorization, { modes: ['RBAC'], policyFile: '' })
    assert.equal(serveOptionsDefaults.audit, {
      policyFile: '',
      logPath: '',
      logMaxAge: 0,
      logMaxBackups: 0,
      logMaxSize: 0,
      logMode: 'blocking',
      logBatchBufferSize: 10000,
      logBatchMaxSize: 1,
      logBatchMaxWait: 0,
      logBatchThrottleEnable: false,
      logBatchThrottleQPS: 0,
      logBatchThrottleBurst: 0,
    })
    assert.is(serveOptionsDefaults.logs.verbosity, 0)
  },
)

defaults.run()
