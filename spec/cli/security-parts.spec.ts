import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthorizationAttributes } from '../../src/auth/authorizer.js'
import type { UserInfo } from '../../src/auth/user.js'
import { type LoadedSecurity, generatedAdmin, loadSecurity } from '../../src/cli/security-parts.js'
import { type CompletedOptions, completeServeOptions } from '../../src/config/options/complete-options.js'
import { type ServeOptions, serveOptionsDefaults } from '../../src/config/options/serve-options.js'
import { formatProblems } from '../../src/config/problems.js'
import { defaultDeps, recordingLogger } from '../../src/core/index.js'
import { ca } from '../auth/fixtures.js'
import { makeRequest } from '../support/request.js'

const options = (
  auth: Partial<ServeOptions['authentication']> = {},
  authz: Partial<ServeOptions['authorization']> = {},
): CompletedOptions =>
  completeServeOptions(
    {
      ...serveOptionsDefaults,
      authentication: { ...serveOptionsDefaults.authentication, ...auth },
      authorization: { ...serveOptionsDefaults.authorization, ...authz },
    },
    { interfaces: () => ({}) },
  )

/** Loads security; a Left is the printed report, one line a problem. */
const load = async (o: CompletedOptions, log = recordingLogger().log): Promise<E.Either<string, LoadedSecurity>> =>
  E.mapLeft(formatProblems)(await loadSecurity(o, { ...defaultDeps, log })())

const loaded = async (o: CompletedOptions, log = recordingLogger().log): Promise<LoadedSecurity> => {
  const r = await load(o, log)
  if (E.isLeft(r)) throw new Error(`unexpected: ${r.left}`)
  return r.right
}

/** The user a request with these headers authenticates as; 'none' for no opinion, 'refused: ...' for a failure. */
const whoIs = (s: LoadedSecurity, headers: Record<string, string> = {}): UserInfo | string => {
  const r = s.parts.authenticator(makeRequest('/api/v1/namespaces/default/configmaps', { headers }))
  if (E.isLeft(r)) return `refused: ${r.left.message}`
  return O.isSome(r.right) ? r.right.value.user : 'none'
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

const listConfigMaps = (user: UserInfo): AuthorizationAttributes => ({
  user,
  verb: 'list',
  isResourceRequest: true,
  path: '/api/v1/namespaces/default/configmaps',
  namespace: 'default',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'configmaps',
  subresource: '',
  name: '',
})

const anonymous: UserInfo = { name: 'system:anonymous', uid: '', groups: ['system:unauthenticated'], extra: {} }
const alice: UserInfo = { name: 'alice', uid: '1', groups: ['system:authenticated'], extra: {} }
const admin: UserInfo = { ...generatedAdmin, groups: [...generatedAdmin.groups, 'system:authenticated'] }

const withDir = async (body: (dir: string) => Promise<void>): Promise<void> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-security-'))
  try {
    await body(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const security = suite('loadSecurity')

security('without a token file: a fresh 64-hex admin token authenticates as kubechain-admin in system:masters', async () => {
  const s = await loaded(options())
  const token = s.generatedAdminToken ?? ''
  assert.match(token, /^[0-9a-f]{64}$/)
  assert.equal(whoIs(s, bearer(token)), admin)
  const again = await loaded(options())
  assert.is.not(again.generatedAdminToken, token)
  assert.is(whoIs(again, bearer(token)), 'refused: invalid bearer token')
})

security('the generated token also works as a websocket bearer subprotocol (beside another subprotocol)', async () => {
  const s = await loaded(options())
  const encoded = Buffer.from(s.generatedAdminToken ?? '').toString('base64url')
  const ws = (protocols: string) => ({ 'sec-websocket-protocol': protocols, upgrade: 'websocket', connection: 'Upgrade' })
  assert.equal(whoIs(s, ws(`base64url.bearer.authorization.k8s.io.${encoded}, v4.channel.k8s.io`)), admin)
  assert.is(whoIs(s, ws(`base64url.bearer.authorization.k8s.io.${encoded}`)), 'refused: missing additional subprotocol')
})

security('no credentials: anonymous when --anonymous-auth is on, no opinion when off', async () => {
  assert.equal(whoIs(await loaded(options())), anonymous)
  assert.is(whoIs(await loaded(options({ anonymousAuth: false }))), 'none')
})

security('a wrong token is refused even with anonymous requests on (never downgraded to anonymous)', async () => {
  assert.is(whoIs(await loaded(options()), bearer('wrong')), 'refused: invalid bearer token')
})

security('with a token file: its users authenticate, no token is generated, warnings are logged', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'tokens.csv')
    fs.writeFileSync(file, 'secret-a,alice,1\nsecret-a,alice,1\n')
    const logger = recordingLogger()
    const s = await loaded(options({ tokenAuthFile: file }), logger.log)
    assert.is(s.generatedAdminToken, undefined)
    assert.equal(whoIs(s, bearer('secret-a')), alice)
    assert.equal(
      logger.entries.map((e) => `${e.level} ${e.msg}`),
      [`warn duplicate token has been found in token file '${file}', record number '2'`],
    )
  }),
)

security('a missing token file is one line naming the flag and the file', async () => {
  const file = path.join(os.tmpdir(), 'kubechain-no-such-dir', 'tokens.csv')
  const r = await load(options({ tokenAuthFile: file }))
  assert.ok(E.isLeft(r))
  if (E.isLeft(r)) {
    assert.ok(r.left.startsWith(`--token-auth-file ${file}: `), r.left)
    assert.match(r.left, 'ENOENT')
    assert.not.match(r.left, '\n')
  }
})

security('a token file with a short record names the file and the line', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'tokens.csv')
    fs.writeFileSync(file, 'secret-a,alice,1\nsecret-b,bob\n')
    const r = await load(options({ tokenAuthFile: file }))
    assert.equal(
      r,
      E.left(
        `--token-auth-file ${file}: line 2: record on line 2: token file '${file}' must have at least 3 columns (token, user name, user uid), found 2`,
      ),
    )
  }),
)

security('a missing client CA file is a Left naming the flag and the file', async () => {
  const file = path.join(os.tmpdir(), 'kubechain-no-such-dir', 'ca.crt')
  const r = await load(options({ clientCAFile: file }))
  assert.ok(E.isLeft(r) && r.left.startsWith(`--client-ca-file ${file}: unable to load client CA file: ENOENT`), JSON.stringify(r))
})

security('every bad file is reported at once, one line each, sorted by flag and naming its file', () =>
  withDir(async (dir) => {
    const write = (name: string, text: string): string => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name))
    const tokens = write('tokens.csv', 'secret-a,alice,1\nsecret-b,bob\n')
    const clientCA = write('client-ca.crt', 'not a certificate\n')
    const proxyCA = path.join(dir, 'missing-proxy-ca.crt')
    const rbac = write('rbac.yaml', 'apiVersion: v1\nkind: Pod\n')
    const r = await load(
      options({ tokenAuthFile: tokens, clientCAFile: clientCA, requestheaderClientCAFile: proxyCA }, { policyFile: rbac }),
    )
    if (E.isRight(r)) return assert.unreachable('expected four problems')
    const lines = r.left.split('\n')
    assert.is(lines.length, 4, r.left)
    assert.ok(lines[0]?.startsWith(`--authorization-policy-file ${rbac}[0]`) && lines[0].includes('unknown kind "Pod"'), lines[0])
    assert.is(lines[1], `--client-ca-file ${clientCA}: data does not contain any valid RSA or ECDSA certificates`)
    assert.ok(lines[2]?.startsWith(`--requestheader-client-ca-file ${proxyCA}: unable to load client CA file: ENOENT`), lines[2])
    assert.ok(lines[3]?.startsWith(`--token-auth-file ${tokens}: line 2: `), lines[3])
  }),
)

security('a readable client CA file (and front-proxy CA) loads; tokens still authenticate beside certificates', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'ca.crt')
    fs.writeFileSync(file, ca.certPem)
    const s = await loaded(options({ clientCAFile: file, requestheaderClientCAFile: file }))
    assert.equal(whoIs(s, bearer(s.generatedAdminToken ?? '')), admin)
  }),
)

const authorization = suite('loadSecurity authorization')

authorization('RBAC (default) with the bootstrap policy: system:masters may list ConfigMaps, anonymous may not', async () => {
  const { authorizer } = (await loaded(options())).parts
  assert.is(authorizer(listConfigMaps(admin)).decision, 'Allow')
  assert.is.not(authorizer(listConfigMaps(anonymous)).decision, 'Allow')
  assert.is.not(authorizer(listConfigMaps(alice)).decision, 'Allow')
})

authorization('AlwaysAllow allows anyone; AlwaysDeny allows nobody, not even system:masters (upstream: NoOpinion)', async () => {
  assert.is((await loaded(options({}, { modes: ['AlwaysAllow'] }))).parts.authorizer(listConfigMaps(anonymous)).decision, 'Allow')
  assert.equal((await loaded(options({}, { modes: ['AlwaysDeny'] }))).parts.authorizer(listConfigMaps(admin)), {
    decision: 'NoOpinion',
    reason: 'AlwaysDeny: Everything is forbidden.',
  })
})

authorization('modes are asked in order: AlwaysDeny then RBAC lets RBAC decide', async () => {
  const { authorizer } = (await loaded(options({}, { modes: ['AlwaysDeny', 'RBAC'] }))).parts
  assert.is(authorizer(listConfigMaps(admin)).decision, 'Allow')
  assert.is.not(authorizer(listConfigMaps(anonymous)).decision, 'Allow')
})

const policy = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: cm-reader }
rules:
- { verbs: [list], apiGroups: [""], resources: [configmaps] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-reads, namespace: default }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cm-reader }
subjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]
`

authorization('an RBAC policy file grants what it binds, beside the bootstrap policy', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'rbac.yaml')
    fs.writeFileSync(file, policy)
    const { authorizer } = (await loaded(options({}, { policyFile: file }))).parts
    assert.is(authorizer(listConfigMaps(alice)).decision, 'Allow')
    assert.is(authorizer({ ...listConfigMaps(alice), namespace: 'kube-system' }).decision === 'Allow', false)
    assert.is(authorizer(listConfigMaps(admin)).decision, 'Allow')
  }),
)

authorization('the policy file is read only with RBAC among the modes', () =>
  withDir(async (dir) => {
    const r = await load(options({}, { modes: ['AlwaysAllow'], policyFile: path.join(dir, 'missing.yaml') }))
    assert.ok(E.isRight(r))
  }),
)

authorization('a bad RBAC file is a Left whose every line names the file', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'rbac.yaml')
    fs.writeFileSync(file, `${policy}---\napiVersion: v1\nkind: Pod\n`)
    const r = await load(options({}, { policyFile: file }))
    assert.ok(E.isLeft(r))
    if (E.isLeft(r)) {
      assert.ok(
        r.left.split('\n').every((line) => line.startsWith(`--authorization-policy-file ${file}[2]`)),
        r.left,
      )
      assert.match(r.left, 'unknown kind "Pod"')
    }
    const missing = await load(options({}, { policyFile: path.join(dir, 'missing.yaml') }))
    assert.ok(
      E.isLeft(missing) && missing.left.startsWith(`--authorization-policy-file ${path.join(dir, 'missing.yaml')}: failed to read file: `),
      JSON.stringify(missing),
    )
  }),
)

const rules = suite('loadSecurity rulesResolver')

rules("RBAC (default): system:masters gets cluster-admin's rules; anonymous only the public info URLs", async () => {
  const { rulesResolver } = await loaded(options())
  assert.equal(rulesResolver(admin, 'default').resourceRules[0], { verbs: ['*'], apiGroups: ['*'], resources: ['*'] })
  const anon = rulesResolver(anonymous, 'default')
  assert.equal(anon.resourceRules, [])
  assert.equal(
    anon.nonResourceRules.map((r) => r.verbs),
    [['get']],
  )
  assert.ok(anon.nonResourceRules[0]?.nonResourceURLs?.includes('/healthz'))
  assert.is(anon.incomplete, false)
})

rules('AlwaysAllow lists everything, AlwaysDeny nothing; modes are joined in order', async () => {
  assert.equal((await loaded(options({}, { modes: ['AlwaysAllow'] }))).rulesResolver(anonymous, 'x').nonResourceRules, [
    { verbs: ['*'], nonResourceURLs: ['*'] },
  ])
  assert.equal((await loaded(options({}, { modes: ['AlwaysDeny'] }))).rulesResolver(admin, 'x'), {
    resourceRules: [],
    nonResourceRules: [],
    incomplete: false,
    evaluationError: '',
  })
  const both = (await loaded(options({}, { modes: ['AlwaysDeny', 'RBAC'] }))).rulesResolver(admin, 'x')
  assert.equal(both.resourceRules[0], { verbs: ['*'], apiGroups: ['*'], resources: ['*'] })
})

rules("an RBAC policy file's bindings are listed in their namespace only, beside the bootstrap policy", () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'rbac.yaml')
    fs.writeFileSync(file, policy)
    const { rulesResolver } = await loaded(options({}, { policyFile: file }))
    const cmReader = { verbs: ['list'], apiGroups: [''], resources: ['configmaps'] }
    assert.ok(rulesResolver(alice, 'default').resourceRules.some((r) => JSON.stringify(r) === JSON.stringify(cmReader)))
    assert.not.ok(rulesResolver(alice, 'kube-system').resourceRules.some((r) => JSON.stringify(r) === JSON.stringify(cmReader)))
    assert.ok(rulesResolver(alice, 'kube-system').resourceRules.some((r) => r.resources?.includes('selfsubjectrulesreviews')))
  }),
)

security.run()
authorization.run()
rules.run()
