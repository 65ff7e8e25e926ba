import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import { type Problem, fromDecodeErrors } from '../config/problems.js'
import { type Config, newConfig } from '../config/server-config.js'
import type { LifecycleConfig } from '../lifecycle/lifecycle-config.js'
import { SecureServingInfo, secureServingDefaults } from '../serve/secure-serving-info.js'

/** The module configs a `kubechain serve` run is made of, decoded from the completed flags. */
export interface ServerSettings {
  readonly config: Config
  readonly lifecycle: LifecycleConfig
  readonly serving: SecureServingInfo
}

/** Maps completed options onto the chain's Config, the lifecycle's and serving's; every problem at once. */
export const serverSettings = (o: CompletedOptions): E.Either<ReadonlyArray<Problem>, ServerSettings> => {
  const r = o.serverRun
  const config = pipe(
    newConfig({
      maxRequestsInFlight: r.maxRequestsInFlight,
      maxMutatingRequestsInFlight: r.maxMutatingRequestsInFlight,
      requestTimeout: r.requestTimeout,
      minRequestTimeout: r.minRequestTimeout,
      livezGracePeriod: r.livezGracePeriod,
      shutdownDelayDuration: r.shutdownDelayDuration,
      shutdownSendRetryAfter: r.shutdownSendRetryAfter,
      shutdownWatchTerminationGracePeriod: r.shutdownWatchTerminationGracePeriod,
      goawayChance: r.goawayChance,
      corsAllowedOriginList: r.corsAllowedOriginList,
      hstsDirectives: r.hstsDirectives,
    }),
    E.mapLeft((e) => e.problems),
  )
  const s = o.secureServing
  const serving = pipe(
    SecureServingInfo.decode({
      ...secureServingDefaults,
      bindAddress: s.bindAddress,
      bindPort: s.bindPort,
      certFile: s.certFile,
      keyFile: s.keyFile,
      sniCertKeys: s.sniCertKeys,
      minTLSVersion: s.minTLSVersion === '' ? 'VersionTLS12' : s.minTLSVersion,
      cipherSuites: s.cipherSuites,
      clientCAFile: o.authentication.clientCAFile,
      requestHeaderClientCAFile: o.authentication.requestheaderClientCAFile,
      certDir: s.certDir,
      pairName: s.pairName,
    }),
    E.mapLeft((errors) => fromDecodeErrors(errors, 'secureServing')),
  )
  if (E.isLeft(config) || E.isLeft(serving))
    return E.left([...(E.isLeft(config) ? config.left : []), ...(E.isLeft(serving) ? serving.left : [])])
  const lifecycle: LifecycleConfig = {
    shutdownDelayDuration: r.shutdownDelayDuration,
    shutdownTimeout: r.requestTimeout,
    shutdownSendRetryAfter: r.shutdownSendRetryAfter,
    shutdownWatchTerminationGracePeriod: r.shutdownWatchTerminationGracePeriod,
    livezGracePeriod: r.livezGracePeriod,
    disabledPostStartHooks: [],
  } as LifecycleConfig
  return E.right({ config: config.right, lifecycle, serving: serving.right })
}
