import { randomUUID } from 'node:crypto'
import { type Clock, systemClock } from './clock.js'
import { type Logger, stderrLogger } from './logger.js'

/** The effects pure code may use, given at build time so specs can pass fakes. */
export interface Deps {
  readonly clock: Clock
  /** A fresh random id (UUID v4 by default), e.g. for Audit-ID. */
  readonly newId: () => string
  /** A uniform float in [0, 1), e.g. for the probabilistic GOAWAY. */
  readonly random: () => number
  readonly log: Logger
}

/** Real clock, `crypto.randomUUID`, `Math.random`, JSON lines on stderr. */
export const defaultDeps: Deps = {
  clock: systemClock,
  newId: () => randomUUID(),
  random: () => Math.random(),
  log: stderrLogger,
}
