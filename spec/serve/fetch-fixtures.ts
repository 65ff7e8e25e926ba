// Spec support for the fetch adapter and inject: the secure chain with one static token, and a recording log.
import * as E from 'fp-ts/lib/Either.js'
import {
  bearerTokenAuthenticator,
  noRbacObjects,
  rbacAuthorizer,
  staticTokenAuthenticator,
  withBootstrapPolicy,
} from '../../src/auth/index.js'
import { secureChain, standaloneContext } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import { type Handler, type LogEntry, build, defaultDeps, silentLogger } from '../../src/core/index.js'

/** The token `secured` accepts, for a user in `system:masters`. */
export const adminToken = 's3cret'

/** `inner` behind upstream's secure chain: bearer token `adminToken` (user `admin`), RBAC over the bootstrap policy. */
export const secured = (inner: Handler): Handler => {
  const admin = { name: 'admin', uid: '1', groups: ['system:masters'], extra: {} }
  const parts = {
    authenticator: bearerTokenAuthenticator(staticTokenAuthenticator(new Map([[adminToken, admin]]))),
    authorizer: rbacAuthorizer(withBootstrapPolicy(noRbacObjects)),
  }
  const cfg = newConfig({ requestTimeout: 30_000 })
  if (E.isLeft(cfg)) throw new Error(JSON.stringify(cfg.left))
  return build(secureChain(standaloneContext({ ...defaultDeps, log: silentLogger }), cfg.right, parts))(inner)
}

/** `inner` behind the same chain, with token `bob` for a user in `system:authenticated` only (discovery: `/api`, `/apis/*`). */
export const bobChain = (inner: Handler): Handler => {
  const bob = { name: 'bob', uid: '2', groups: ['system:authenticated'], extra: {} }
  const parts = {
    authenticator: bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['bob', bob]]))),
    authorizer: rbacAuthorizer(withBootstrapPolicy(noRbacObjects)),
  }
  const cfg = newConfig({ requestTimeout: 30_000 })
  if (E.isLeft(cfg)) throw new Error(JSON.stringify(cfg.left))
  return build(secureChain(standaloneContext({ ...defaultDeps, log: silentLogger }), cfg.right, parts))(inner)
}

/** A logger that keeps what it is given. */
export const keptLog = (): { readonly entries: LogEntry[]; readonly log: (e: LogEntry) => void } => {
  const entries: LogEntry[] = []
  return { entries, log: (e) => void entries.push(e) }
}

/** An endless stream that counts how many chunks were asked of it and whether it was told to stop. */
export const counting = (): { readonly chunks: AsyncIterable<string>; readonly pulled: () => number; readonly stopped: () => boolean } => {
  let pulled = 0
  let stopped = false
  async function* chunks(): AsyncIterable<string> {
    try {
      for (;;) yield `${pulled++},`
    } finally {
      stopped = true
    }
  }
  return { chunks: chunks(), pulled: () => pulled, stopped: () => stopped }
}
