// Spec support: random chains of the standard steps, each built over a fresh standalone context with fake deps.
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { parsePolicy, policyEvaluator } from '../../../src/audit/index.js'
import type { AuditEvent } from '../../../src/audit/index.js'
import type { Authenticator, Authorizer, UserInfo } from '../../../src/auth/index.js'
import {
  alwaysAllow,
  alwaysDeny,
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  bootstrapPolicy,
  rbacAuthorizer,
  staticTokenAuthenticator,
  unionAuthenticator,
} from '../../../src/auth/index.js'
import { type ServerContext, checkChain, insecureChain, secureChain, standaloneContext } from '../../../src/chains/index.js'
import { type Config, newConfig } from '../../../src/config/index.js'
import { type Chain, type Deps, type FakeClock, type LogEntry, build, fakeClock, recordingLogger } from '../../../src/core/index.js'
import type { Handler } from '../../../src/core/index.js'

/** Which chain, which of its steps, and who may do what. */
export interface ChainSetup {
  readonly kind: 'secure' | 'insecure'
  /** One flag per step of the full chain, in run order: keep it or not (a kept step a checked chain cannot hold is dropped). */
  readonly keep: ReadonlyArray<boolean>
  readonly authorizer: 'allow' | 'deny' | 'rbac'
  readonly auditLevel: 'None' | 'Metadata' | 'Request' | 'RequestResponse'
}

/** A chain built from a setup, with what a property observes of it. */
export interface Built {
  readonly names: ReadonlyArray<string>
  readonly around: (inner: Handler) => Handler
  readonly ctx: ServerContext
  readonly clock: FakeClock
  readonly logs: ReadonlyArray<LogEntry>
  readonly events: ReadonlyArray<AuditEvent>
  readonly cfg: Config
  readonly deps: Deps
}

/** Every optional step switched on, and max-in-flight at its smallest limits. */
const cfg = (() => {
  const c = newConfig({
    shutdownSendRetryAfter: true,
    hstsDirectives: ['max-age=31536000'],
    goawayChance: 0.01,
    shutdownWatchTerminationGracePeriod: 5000,
    corsAllowedOriginList: ['//example\\.com$'],
    maxRequestsInFlight: 1,
    maxMutatingRequestsInFlight: 1,
  })
  if (E.isLeft(c)) throw new Error(JSON.stringify(c.left))
  return c.right
})()

const alice: UserInfo = { name: 'alice', uid: '1', groups: ['system:masters'], extra: {} }
const bob: UserInfo = { name: 'bob', uid: '2', groups: [], extra: {} }
const authenticator: Authenticator = unionAuthenticator(
  [
    authenticatedGroupAdder(
      bearerTokenAuthenticator(
        staticTokenAuthenticator(
          new Map([
            ['alice-token', alice],
            ['bob-token', bob],
          ]),
        ),
      ),
    ),
    anonymousAuthenticator(),
  ],
  { failOnError: true },
)
const authorizers: Record<ChainSetup['authorizer'], Authorizer> = {
  allow: alwaysAllow,
  deny: alwaysDeny,
  rbac: rbacAuthorizer(bootstrapPolicy),
}

const policyOf = (level: ChainSetup['auditLevel']) => {
  const p = parsePolicy(JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level }] }))
  if (E.isLeft(p)) throw new Error('bad policy')
  return policyEvaluator(p.right)
}

/** The number of steps of the full chains, for drawing `keep`. */
const fullLength = { secure: 24, insecure: 12 } as const

/** Three steps kept in four: long chains reach the inner handler and the audit step more often. */
const mostlyKept = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })

/** Any setup of either chain kind. */
export const chainSetup = (kind: ChainSetup['kind']): fc.Arbitrary<ChainSetup> =>
  fc.record({
    kind: fc.constant(kind),
    keep: fc.array(mostlyKept, { minLength: fullLength[kind], maxLength: fullLength[kind] }),
    authorizer: fc.constantFrom('allow', 'deny', 'rbac'),
    auditLevel: fc.constantFrom('None', 'Metadata', 'Request', 'RequestResponse'),
  })

/** `chain` without the steps a checked chain cannot hold: drops the steps `checkChain` names until it passes. */
export const repaired = (chain: Chain): Chain => {
  const checked = checkChain(chain)
  if (E.isRight(checked)) return chain
  const broken = new Set(checked.left.map((v) => v.step))
  return repaired(chain.filter((s) => !broken.has(s.name)))
}

/** Builds `setup` over a fresh context: fake clock, ids counted from 1, a recording logger, an in-memory audit backend. */
export const buildSetup = (setup: ChainSetup): Built => {
  const clock = fakeClock(1_000_000)
  const logger = recordingLogger()
  let ids = 0
  const deps: Deps = { clock, newId: () => `id-${++ids}`, random: () => 0.5, log: logger.log }
  const ctx = standaloneContext(deps)
  const events: AuditEvent[] = []
  const backend = {
    name: 'memory',
    processEvents: (evs: ReadonlyArray<AuditEvent>) => (events.push(...evs), true),
    shutdown: () => Promise.resolve(),
  }
  const parts = { authenticator, authorizer: authorizers[setup.authorizer], audit: { backend, policy: policyOf(setup.auditLevel) } }
  const full = setup.kind === 'secure' ? secureChain(ctx, cfg, parts) : insecureChain(ctx, cfg)
  if (full.length !== setup.keep.length)
    throw new Error(`the ${setup.kind} chain has ${full.length} steps, the spec draws ${setup.keep.length}`)
  const chain = repaired(full.filter((_, i) => setup.keep[i]))
  return { names: chain.map((s) => s.name), around: build(chain), ctx, clock, logs: logger.entries, events, cfg, deps }
}
