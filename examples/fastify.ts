// The hello chain in front of a Fastify 5 app's own routes (kubechain/fastify).
import Fastify from 'fastify'
import { type Chain, step } from '../src/core/index.js'
import { kubechainPlugin } from '../src/fastify/index.js'
import { helloChain, withReadOnly } from './hello-chain.js'
import { type Running, isMain, main } from './listen.js'

/** Kubernetes' answer to a path nothing serves. */
const notFound = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server could not find the requested resource',
  reason: 'NotFound',
  details: {},
  code: 404,
}

/** JSON as bytes: Fastify sends a Buffer with the content type as given (a string would get `; charset=utf-8`), as the other examples answer. */
const jsonBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

/** The hello chain, except that `/echo` also takes writes. */
const chain: Chain = helloChain.map((s) =>
  s.name !== 'read-only'
    ? s
    : step('read-only', (next) => {
        const readOnly = withReadOnly(next)
        return (req) => (req.path === '/echo' ? next(req) : readOnly(req))
      }),
)

/**
 * The plugin runs the chain in an onRequest hook in front of every route, the not-found handler included;
 * Fastify parses the bodies of the requests it lets through (`/echo` gets its JSON back) and its routes see
 * `request.kubechain`.
 */
export const start = async (port = 0): Promise<Running> => {
  const app = Fastify({ logger: false })
  await app.register(kubechainPlugin, { chain })
  app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('hello'))
  app.get('/api/*', async (request, reply) =>
    reply.type('application/json').send(jsonBytes({ kind: 'Hello', path: request.kubechain.request.path })),
  )
  app.post('/echo', async (request) => ({ echo: request.body }))
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).type('application/json').send(jsonBytes(notFound)))
  await app.listen({ port, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error(`expected a TCP address, got ${String(address)}`)
  return { port: address.port, close: () => app.close() }
}

if (isMain(import.meta.url)) await main('fastify', start)
