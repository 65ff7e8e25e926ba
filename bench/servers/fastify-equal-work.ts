// Row "Fastify 5, equal work": what a Node engineer would write instead of the secure chain, on Fastify 5
// with its own plugins. Per request: a request id (a UUID) echoed as `audit-id`, `cache-control: no-cache,
// private`, an in-flight counter answering 429 past the limit, a bearer token mapped to a user by
// `@fastify/bearer-auth`, and a role-based decision on (verb, resource, namespace) by `@casl/ability`.
// Same token, same path, same hello as the secure-chain row; what it leaves out is in bench/README.md.
import { randomUUID } from 'node:crypto'
import { AbilityBuilder, type MongoAbility, createMongoAbility, subject } from '@casl/ability'
import bearerAuth from '@fastify/bearer-auth'
import Fastify, { type FastifyRequest } from 'fastify'
import { benchToken } from './secure-parts.js'

interface User {
  readonly name: string
  readonly groups: ReadonlyArray<string>
}

/** A role: the verbs it allows on resources, cluster-wide (a ClusterRoleBinding's reach). */
interface Role {
  readonly verbs: ReadonlyArray<string>
  readonly resources: ReadonlyArray<string>
}

const users = new Map<string, User>([[benchToken, { name: 'bench', groups: ['bench-readers', 'system:authenticated'] }]])
const roles: ReadonlyMap<string, Role> = new Map([['bench-readers', { verbs: ['get', 'list', 'watch'], resources: ['pods'] }]])

/** The CASL ability of a user: the union of its groups' roles; made once per user. */
const abilityOf = (user: User): MongoAbility => {
  const { can, build } = new AbilityBuilder<MongoAbility>(createMongoAbility)
  for (const group of user.groups) {
    const role = roles.get(group)
    if (role !== undefined) can([...role.verbs], [...role.resources])
  }
  return build()
}
const abilities = new Map([...users.values()].map((u) => [u, abilityOf(u)]))

/** The same limit as the secure chain's `--max-requests-inflight` default. */
const maxInFlight = 400
let inFlight = 0

const app = Fastify({ logger: false, genReqId: () => randomUUID() })
const userOf = new WeakMap<FastifyRequest, User>()

app.addHook('onRequest', (req, reply, done) => {
  reply.header('audit-id', req.id).header('cache-control', 'no-cache, private')
  if (inFlight >= maxInFlight) {
    reply.code(429).header('retry-after', '1').send({ message: 'Too many requests, please try again later.' })
    return
  }
  inFlight++
  done()
})
app.addHook('onResponse', (_req, reply, done) => {
  if (reply.statusCode !== 429) inFlight--
  done()
})
await app.register(bearerAuth, {
  keys: [],
  auth: (key, req) => {
    const user = users.get(key)
    if (user === undefined) return false
    userOf.set(req, user)
    return true
  },
})

/** A GET on a collection is `list`, on a name `get` (as Kubernetes maps verbs). */
app.get<{ Params: { namespace: string } }>(
  '/api/v1/namespaces/:namespace/pods',
  {
    preHandler: (req, reply, done) => {
      const user = userOf.get(req)
      const ability = user === undefined ? undefined : abilities.get(user)
      if (ability?.can('list', subject('pods', { namespace: req.params.namespace })) !== true) {
        reply.code(403).send({ message: 'forbidden' })
        return
      }
      done()
    },
  },
  (_req, reply) => {
    reply.header('content-type', 'text/plain; charset=utf-8').send('hello')
  },
)
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : 0}\n`)
