import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { sequenceS } from 'fp-ts/lib/Apply.js'
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
import { rbacRulesResolver } from '../auth/rules-rbac.js'
import { type RulesResolver, alwaysAllowRules, alwaysDenyRules, unionRulesResolver, unlistedRules } from '../auth/rules-resolver.js'
import type { CaBundle } from '../auth/client-chain.js'
import type { SecurityParts } from '../chains/secure-chain.js'
import { type Problem, everyProblem, fileProblem } from '../config/problems.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import type { Deps } from '../core/deps.js'
import { readCaBundle, watchCaBundle } from './watched-ca-bundle.js'

/** The chain's security parts, and the admin token made when no token file was given (printed once). */
export interface LoadedSecurity {
  readonly parts: Omit<SecurityParts, 'audit'>
  readonly generatedAdminToken: string | undefined
  /** What SelfSubjectRulesReviews list: the rules of the authorizer's modes, from the same policy. */
  readonly rulesResolver: RulesResolver
}

/** The user a generated token authenticates as: an administrator, as upstream's loopback client is. */
export const generatedAdmin: UserInfo = { name: 'kubechain-admin', uid: '', groups: [wellKnown.systemPrivilegedGroup], extra: {} }

/** What the security flags name, read and checked; nothing is watched yet. */
export interface SecurityFiles {
  readonly tokens: TokenTable
  readonly requestHeaderCA: CaBundle | undefined
  readonly clientCA: CaBundle | undefined
  readonly authorizer: Authorizer
  /** The authorizer's modes as a rules resolver, in the same order and from the same policy. */
  readonly rulesResolver: RulesResolver
}

/** An authorizer and the rules resolver of the same modes and policy. */
interface Authorization {
  readonly authorizer: Authorizer
  readonly rulesResolver: RulesResolver
}

interface TokenTable {
  readonly table: ReadonlyMap<string, UserInfo>
  readonly generated: string | undefined
}

/**
 * Reads the token file, the CA bundles and the RBAC policy file, all of them even when one is bad: every
 * problem is one `Problem` naming the flag and the file (`--token-auth-file /etc/tokens.csv: line 2: ...`).
 */
export const readSecurityFiles = (o: CompletedOptions, deps: Deps): TE.TaskEither<ReadonlyArray<Problem>, SecurityFiles> =>
  pipe(
    sequenceS(everyProblem)({
      tokens: tokenTable(o.authentication.tokenAuthFile, deps),
      requestHeaderCA: caBundle('--requestheader-client-ca-file', o.authentication.requestheaderClientCAFile),
      clientCA: caBundle('--client-ca-file', o.authentication.clientCAFile),
      authorization: authorizationFor(o.authorization.modes, o.authorization.policyFile),
    }),
    TE.map(({ authorization, ...files }) => ({ ...files, ...authorization })),
  )

/**
 * Builds the authenticator and authorizer from checked files and starts watching the CA bundles.
 * Upstream's composition: front proxy, client certificates and tokens in a union with the authenticated
 * group, then anonymous when on.
 */
export const buildSecurity = (o: CompletedOptions, files: SecurityFiles, deps: Deps): LoadedSecurity => {
  const a = o.authentication
  const watched = (file: string, first: CaBundle | undefined, make: (ca: () => CaBundle) => Authenticator): Authenticator[] =>
    first === undefined ? [] : [make(watchCaBundle(file, first, deps.log))]
  const certs = [
    ...watched(a.requestheaderClientCAFile, files.requestHeaderCA, (ca) => requestHeaderAuthenticator(a, ca, deps.clock)),
    ...watched(a.clientCAFile, files.clientCA, (ca) => x509Authenticator(ca, deps.clock)),
  ]
  const lookup = staticTokenAuthenticator(files.tokens.table)
  const known = authenticatedGroupAdder(
    unionAuthenticator([...certs, bearerTokenAuthenticator(lookup), websocketTokenAuthenticator(lookup)]),
  )
  const authenticator: Authenticator = a.anonymousAuth
    ? unionAuthenticator([known, anonymousAuthenticator()], { failOnError: true })
    : known
  return {
    parts: { authenticator, authorizer: files.authorizer, authentication: authenticationConfig(o) },
    generatedAdminToken: files.tokens.generated,
    rulesResolver: files.rulesResolver,
  }
}

/** `readSecurityFiles`, then `buildSecurity`. */
export const loadSecurity = (o: CompletedOptions, deps: Deps): TE.TaskEither<ReadonlyArray<Problem>, LoadedSecurity> =>
  TE.map((files: SecurityFiles) => buildSecurity(o, files, deps))(readSecurityFiles(o, deps))

const tokenTable = (file: string, deps: Deps): TE.TaskEither<ReadonlyArray<Problem>, TokenTable> => {
  if (file === '') {
    const token = randomBytes(32).toString('hex')
    return TE.right({ table: new Map([[token, generatedAdmin]]), generated: token })
  }
  return pipe(
    loadTokenFile(file),
    TE.mapLeft((e) => [fileProblem('--token-auth-file', e.path, e.line > 0 ? `line ${e.line}: ${e.message}` : e.message)]),
    TE.map((f) => {
      for (const w of f.warnings) deps.log({ level: 'warn', msg: w })
      return { table: f.tokens, generated: undefined }
    }),
  )
}

const caBundle = (flag: string, file: string): TE.TaskEither<ReadonlyArray<Problem>, CaBundle | undefined> =>
  file === '' ? TE.right(undefined) : TE.fromEither(E.mapLeft((reason: string) => [fileProblem(flag, file, reason)])(readCaBundle(file)))

/**
 * The modes' authorizer and rules resolver, in the modes' order, RBAC from the bootstrap policy plus the
 * policy file (upstream's `authorizer.Config.New` returns both from the same modes). A mode without
 * rules to list answers incomplete, as upstream's webhook.
 */
const authorizationFor = (modes: ReadonlyArray<string>, policyFile: string): TE.TaskEither<ReadonlyArray<Problem>, Authorization> =>
  pipe(
    modes.includes('RBAC') && policyFile !== ''
      ? pipe(
          loadRbacObjects([policyFile]),
          TE.mapLeft((e) => e.problems.map(rbacProblem)),
        )
      : TE.right(noRbacObjects),
    TE.chainEitherK((objects) => {
      const policy = withBootstrapPolicy(objects)
      const byMode: Record<string, Authorizer> = { AlwaysAllow: alwaysAllow, AlwaysDeny: alwaysDeny, RBAC: rbacAuthorizer(policy) }
      const rulesByMode: Record<string, RulesResolver> = {
        AlwaysAllow: alwaysAllowRules,
        AlwaysDeny: alwaysDenyRules,
        RBAC: rbacRulesResolver(policy),
      }
      const named: NamedAuthorizer[] = modes.map((name) => ({ name, authorize: byMode[name] ?? alwaysDeny }))
      const rulesResolver = unionRulesResolver(modes.map((name) => rulesByMode[name] ?? unlistedRules))
      return pipe(
        unionAuthorizer(named),
        E.bimap(
          (message): ReadonlyArray<Problem> => [{ path: '--authorization-mode', message }],
          (authorizer) => ({ authorizer, rulesResolver }),
        ),
      )
    }),
  )

/** An RBAC problem's path is `file[document].field`; the flag goes before it. */
const rbacProblem = (p: Problem): Problem => ({ path: `--authorization-policy-file ${p.path}`, message: p.message })

const authenticationConfig = (o: CompletedOptions): NonNullable<SecurityParts['authentication']> => ({
  apiAudiences: [],
  requestheaderUsernameHeaders: o.authentication.requestheaderUsernameHeaders,
  requestheaderUIDHeaders: o.authentication.requestheaderUIDHeaders,
  requestheaderGroupHeaders: o.authentication.requestheaderGroupHeaders,
  requestheaderExtraHeaderPrefixes: o.authentication.requestheaderExtraHeaderPrefixes,
})
