// What the Fastify rows share: the hello route behind `hooks` pass-through onRequest hooks.
import Fastify from 'fastify'

/** Serves the hello on Fastify 5 with `hooks` onRequest hooks and prints the port. */
export const helloFastify = async (hooks: number): Promise<void> => {
  const app = Fastify({ logger: false })
  for (let i = 0; i < hooks; i++) app.addHook('onRequest', (_req, _reply, done) => done())
  app.get('/', (_req, reply) => {
    reply.header('content-type', 'text/plain; charset=utf-8').send('hello')
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : 0}\n`)
}
