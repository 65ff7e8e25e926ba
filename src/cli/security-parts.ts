import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  type Authenticator,
  type NamedAuthorizer,
  type UserInfo,
  alwaysAllow,
  alwaysDeny,
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  loadRbacObjects,
  loadTokenFile,
  noRbacObjects,
  rbacAuthorizer,
  requestHeaderAuthenticator,
  staticTokenAuthenticator,
  unionAuthenticator,
  unionAuthorizer,
  websocketTokenAuthenticator,
  withBootstrapPolicy,
  wellKnown,
  x509Authenticator,
} from '../auth/index.js'
import type { Authorizer } from '../auth/authorizer.js'
import type { CaBundle } from '../auth/client-chain.js'
import type { SecurityParts } from '../chains/secure-chain.js'
import { formatProblems } from '../config/problems.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import type { Deps } from '../core/deps.js'
import { watchedCaBundle } from './watched-ca-bundle.js'

/** The chain's security parts, and the admin token made when no token file was given (printed once). */
export interface LoadedSecurity {
  readonly parts: Omit<SecurityParts, 'audit'>
  readonly generatedAdminToken: string | undefined
}

/** The user a generated token authenticates as: an administrator, as upstream's loopback client is. */
export const generatedAdmin: UserInfo = { name: 'kubechain-admin', uid: '', groups: [wellKnown.systemPrivilegedGroup], extra: {} }

/**
 * Builds the authenticator and authorizer from the options, reading the token file, the CA bundles and
 * the RBAC policy files; every failure is one line naming the file. Upstream's composition: front proxy,
 * client certificates and tokens in a union with the authenticated group, then anonymous when on.
 */
export const loadSecurity = (o: CompletedOptions, deps: Deps): TE.TaskEither<string, LoadedSecurity> =>
  pipe(
    TE.Do,
    TE.bind('tokens', () => tokenTable(o.authentication.tokenAuthFile, deps)),
    TE.bind('certs', () => TE.fromEither(certificateAuthenticators(o, deps))),
    TE.bind('authorizer', () => authorizerFor(o.authorization.modes, o.authorization.policyFile)),
    TE.map(({ tokens, certs, authorizer }) => {
      const lookup = staticTokenAuthenticator(tokens.table)
      const known = authenticatedGroupAdder(unionAuthenticator([...certs, bearerTokenAuthenticator(lookup), websocketTokenAuthenticator(lookup)]))
      const authenticator: Authenticator = o.authentication.anonymousAuth
        ? unionAuthenticator([known, anonymousAuthenticator()], { failOnError: true })
        : known
      return { parts: { authenticator, authorizer, authentication: authenticationConfig(o) }, generatedAdminToken: tokens.generated }
    }),
  )

const tokenTable = (file: string, deps: Deps): TE.TaskEither<string, { table: ReadonlyMap<string, UserInfo>; generated: string | undefined }> => {
  if (file === '') {
    const token = randomBytes(32).toString('hex')
    return TE.right({ table: new Map([[token, generatedAdmin]]), generated: token })
  }
  return pipe(
    loadTokenFile(file),
    TE.mapLeft((e) => (e.line > 0 ? `--token-auth-file ${e.path}: line ${e.line}: ${e.message}` : `--token-auth-file ${e.path}: ${e.message}`)),
    TE.map((f) => {
      for (const w of f.warnings) deps.log({ level: 'warn', msg: w })
      return { table: f.tokens, generated: undefined }
    }),
  )
}

const certificateAuthenticators = (o: CompletedOptions, deps: Deps): E.Either<string, ReadonlyArray<Authenticator>> => {
  const a = o.authentication
  const bundle = (file: string, make: (ca: () => CaBundle) => Authenticator): E.Either<string, Authenticator[]> =>
    file === '' ? E.right([]) : E.map((ca: () => CaBundle) => [make(ca)])(watchedCaBundle(file, deps.log))
  const proxy = bundle(a.requestheaderClientCAFile, (ca) => requestHeaderAuthenticator(a, ca, deps.clock))
  const x509 = bundle(a.clientCAFile, (ca) => x509Authenticator(ca, deps.clock))
  return E.chain((p: Authenticator[]) => E.map((x: Authenticator[]) => [...p, ...x])(x509))(proxy)
}

const authorizerFor = (modes: ReadonlyArray<string>, policyFile: string): TE.TaskEither<string, Authorizer> =>
  pipe(
    modes.includes('RBAC') && policyFile !== '' ? pipe(loadRbacObjects([policyFile]), TE.mapLeft((e) => formatProblems(e.problems))) : TE.right(noRbacObjects),
    TE.chainEitherK((objects) => {
      const byMode: Record<string, Authorizer> = { AlwaysAllow: alwaysAllow, AlwaysDeny: alwaysDeny, RBAC: rbacAuthorizer(withBootstrapPolicy(objects)) }
      const named: NamedAuthorizer[] = modes.map((name) => ({ name, authorize: byMode[name] ?? alwaysDeny }))
      return unionAuthorizer(named)
    }),
  )

const authenticationConfig = (o: CompletedOptions): NonNullable<SecurityParts['authentication']> => ({
  apiAudiences: [],
  requestheaderUsernameHeaders: o.authentication.requestheaderUsernameHeaders,
  requestheaderUIDHeaders: o.authentication.requestheaderUIDHeaders,
  requestheaderGroupHeaders: o.authentication.requestheaderGroupHeaders,
  requestheaderExtraHeaderPrefixes: o.authentication.requestheaderExtraHeaderPrefixes,
})
