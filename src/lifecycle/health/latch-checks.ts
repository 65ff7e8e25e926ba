import * as E from 'fp-ts/lib/Either.js'
import type { Latch } from '../../sync/latch.js'
import { type HealthCheck, healthy } from './health-check.js'

const shuttingDown = E.left('process is shutting down')
const notFinished = E.left('not finished')

/** Readiness check `shutdown`: fails with `process is shutting down` once `shutdownInitiated` fired. */
export const shutdownCheck = (shutdownInitiated: Latch): HealthCheck => ({
  name: 'shutdown',
  check: () => (shutdownInitiated.isFired() ? shuttingDown : healthy),
})

/** Check `poststarthook/<name>`: `not finished` until the hook's `done` latch fired. */
export const postStartHookCheck = (name: string, done: Latch): HealthCheck => ({
  name: `poststarthook/${name}`,
  check: () => (done.isFired() ? healthy : notFinished),
})
