// Spec support for the Express and Fastify adapters: upstream's secure chain as README builds it (static
// tokens, RBAC over the bootstrap policy), with an in-memory audit backend, and a step that records how
// each response ended; and a small custom chain. Shared by spec/express and spec/fastify.
import { policyEvaluator } from '../../src/audit/policy-evaluator.js'
import { bearerTokenAuthenticator, staticTokenAuthenticator } from '../../src/auth/token-authenticator.js'
import { noRbacObjects } from '../../src/auth/rbac-objects.js'
import { rbacAuthorizer } from '../../src/auth/rbac-authorizer.js'
import { withBootstrapPolicy } from '../../src/auth/bootstrap-policy.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import { secureChain } from '../../src/chains/secure-chain.js'
import { standaloneContext } from '../../src/chains/server-context.js'
import { newConfig } from '../../src/config/server-config.js'
import { type Chain, type Ended, header, plainError, put, step, toResponse, whenEnded } from '../../src/core/index.js'
import { memoryBackend } from '../audit/fixtures.js'

export const adminToken = 'admin-token'
export const viewerToken = 'viewer-token'
const admin: UserInfo = { name: 'admin', uid: 'admin-uid', groups: ['system:masters'], extra: {} }
const viewer: UserInfo = { name: 'viewer', uid: 'viewer-uid', groups: ['system:authenticated'], extra: {} }

/** `Authorization` for the admin (anything allowed) or the viewer (authenticated: discovery paths such as `/apis/*` only). */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

/** How each response ended, as `METHOD path outcome`, in the order they ended. */
export type EndedLog = Array<string>

/** A step that records how each response ended (innermost, so it sees the route's work). */
const endedProbe = (log: EndedLog) =>
  step(
    'ended-probe',
    (next) => (req) => whenEnded(next, req, (_res, ended: Ended | 'defect') => void log.push(`${req.method} ${req.path} ${ended}`)),
  )

/** Resolves once `log` has an entry `entry` (checked whenever an entry is added). */
export const endedWith = async (log: EndedLog, entry: string): Promise<void> => {
  while (!log.includes(entry)) await new Promise((r) => setImmediate(r))
}

/** The secure chain with audit at Metadata into memory; one seat per kind of request and a 10 s deadline unless told otherwise. */
export const secureFixture = (maxRequestsInFlight = 1, requestTimeout = 10_000) => {
  const audit = memoryBackend()
  const ended: EndedLog = []
  const cfg = newConfig({ requestTimeout, maxRequestsInFlight, maxMutatingRequestsInFlight: maxRequestsInFlight })
  if (cfg._tag === 'Left') throw new Error(JSON.stringify(cfg.left))
  const chain = secureChain(standaloneContext(), cfg.right, {
    authenticator: bearerTokenAuthenticator(
      staticTokenAuthenticator(
        new Map([
          [adminToken, admin],
          [viewerToken, viewer],
        ]),
      ),
    ),
    authorizer: rbacAuthorizer(withBootstrapPolicy(noRbacObjects)),
    audit: {
      backend: audit.backend,
      policy: policyEvaluator({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Metadata' }] }),
    },
  })
  return { chain: [...chain, endedProbe(ended)] as Chain, events: audit.events, ended }
}

/** A chain of two steps of one's own: `x-user` names the user, and without it the chain answers 401 itself. */
export const customChain: Chain = [
  step('who', (next) => {
    const refused = toResponse(plainError(401, 'no x-user header', { 'x-refused-by': 'who' }))
    return (req) => {
      const name = header(req, 'x-user')
      return name === undefined ? refused : next(put(req, userKey, { name, uid: '', groups: [], extra: {} }))
    }
  }),
]

/** Resolves when `entered` opens; rejects if the response comes first (the route never ran). */
export const routeEntered = (entered: Promise<void>, response: Promise<{ readonly status: number }>): Promise<void> =>
  Promise.race([entered, response.then((r) => Promise.reject(new Error(`answered ${r.status} before the route ran`)))])
