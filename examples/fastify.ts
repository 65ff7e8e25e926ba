// The hello chain behind a Fastify 5 catch-all route.
import Fastify from 'fastify'
import { toNodeListener } from '../src/serve/index.js'
import { helloHandler } from './hello-chain.js'
import { type Running, isMain, main } from './listen.js'

/**
 * A catch-all route hijacks the reply (Fastify will not write it) and hands the raw req/res to the hello
 * chain. Body parsing is switched off so the chain reads request bodies itself.
 */
export const start = async (port = 0): Promise<Running> => {
  const listener = toNodeListener(helloHandler)
  const app = Fastify({ logger: false })
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_req, _payload, done) => done(null))
  app.all('/*', (request, reply) => {
    reply.hijack()
    listener(request.raw, reply.raw)
  })
  await app.listen({ port, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error(`expected a TCP address, got ${String(address)}`)
  return { port: address.port, close: () => app.close() }
}

if (isMain(import.meta.url)) await main('fastify', start)
