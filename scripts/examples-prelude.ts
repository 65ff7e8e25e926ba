// The names an `@example` may use without importing them; scripts/check-examples.ts imports those it uses, after
// the example's own module, its folder and the public entry points. Two kinds: the conventional aliases of
// fp-ts, io-ts and node modules, and placeholders for "your value", each typed as what it stands for.
import type { ConfigMap } from '../src/example-api/index.js'
import type {
  AuditEvent,
  AuditPolicy,
  AuthorizationAttributes,
  Authenticator,
  Authorizer,
  CaBundle,
  Chain,
  Clock,
  Config,
  Deps,
  GenericServer,
  JsonObject,
  Handler,
  ObjectStore,
  PreparedServer,
  RbacObjects,
  Request,
  RequestInfo,
  SchemaModels,
  SecureServingInfo,
  SecurityParts,
  TokenAuthenticator,
  UserInfo,
} from '../src/index.js'

export { flow, pipe } from 'fp-ts/lib/function.js'
export * as A from 'fp-ts/lib/Array.js'
export * as E from 'fp-ts/lib/Either.js'
export * as O from 'fp-ts/lib/Option.js'
export * as RA from 'fp-ts/lib/ReadonlyArray.js'
export * as T from 'fp-ts/lib/Task.js'
export * as TE from 'fp-ts/lib/TaskEither.js'
export * as t from 'io-ts'
export * as fs from 'node:fs'
export * as os from 'node:os'

/** The request a handler answers. */
export declare const req: Request
/** The handler a filter wraps (the director, an API's handler, the rest of a chain). */
export declare const inner: Handler
/** The server's dependencies: clock, randomness, logger. */
export declare const deps: Deps
export declare const clock: Clock
/** The server's validated configuration and its security parts (authenticator, authorizer). */
export declare const cfg: Config
export declare const parts: SecurityParts
export declare const authenticator: Authenticator
export declare const authorizer: Authorizer
/** A token table, a CA bundle for client certificates. */
export declare const tokens: TokenAuthenticator
export declare const bundle: CaBundle
/** A handler chain, an audit policy, an audit event. */
export declare const chain: Chain
export declare const policy: AuditPolicy
export declare const event: AuditEvent
/** Who asks, and for what: the authenticated user, the request's RequestInfo, its authorization attributes. */
export declare const user: UserInfo
export declare const info: RequestInfo
export declare const attrs: AuthorizationAttributes
/** RBAC roles and bindings, e.g. loaded from files. */
export declare const objects: RbacObjects
/** The OpenAPI models of the served kinds. */
export declare const models: SchemaModels
/** A request body, an API object, an object store, a ConfigMap. */
export declare const body: Uint8Array
export declare const object: JsonObject
export declare const store: ObjectStore
export declare const configMap: ConfigMap
/** A generic server, the same prepared to run, where it serves, and the signal that stops it. */
export declare const server: GenericServer
export declare const prepared: PreparedServer
export declare const servingInfo: SecureServingInfo
export declare const stop: AbortSignal
