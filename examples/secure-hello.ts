// The README's first example: a plain handler behind upstream's secure chain (authentication, RBAC over the
// bootstrap policy, in-flight limits, deadlines, ...), served by node:http. No fp-ts needed to write it.
// Run it with `node --import tsx examples/secure-hello.ts`, then `curl -H 'Authorization: Bearer s3cret' 127.0.0.1:8080/hi`.
import { createServer } from 'node:http'
import {
  type Handler,
  bearerTokenAuthenticator,
  build,
  newConfig,
  noRbacObjects,
  rbacAuthorizer,
  secureChain,
  standaloneContext,
  staticTokenAuthenticator,
  text,
  toNodeListener,
  withBootstrapPolicy,
} from '../src/index.js'

const hello: Handler = (req) => text(200, `hello from ${req.path}\n`) // or `async (req) => ...` when it must wait

const admin = { name: 'admin', uid: '', groups: ['system:masters'], extra: {} }
const parts = {
  authenticator: bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['s3cret', admin]]))),
  authorizer: rbacAuthorizer(withBootstrapPolicy(noRbacObjects)), // upstream's roles: system:masters may do anything
}
const cfg = newConfig({ requestTimeout: 30_000 }) // upstream's defaults, overridden; Left names every bad field
if (cfg._tag === 'Left') throw new Error(JSON.stringify(cfg.left))
const chain = secureChain(standaloneContext(), cfg.right, parts) // upstream's filters in order, as an array of named steps
createServer(toNodeListener(build(chain)(hello))).listen(8080, '127.0.0.1')
