// The type-level half of the server context: `npx tsc` (run by `npm test`) checks this file, and each
// `@ts-expect-error` line fails the type-check if the composition under it ever compiles. The wrong
// compositions live in `refused`, which is never called; the right ones are also built and run below.
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { alwaysAllow, anonymousAuthenticator } from '../../src/auth/index.js'
import {
  type ChainBuilder,
  type ServerContext,
  checkChain,
  insecureChain,
  insertAfter,
  newServerContext,
  secureChain,
  serverChain,
  without,
} from '../../src/chains/index.js'
import { configDefaults } from '../../src/config/server-config.js'
import { build, defaultDeps, silentLogger, step } from '../../src/core/index.js'
import { newGenericServer } from '../../src/lifecycle/generic-server.js'
import { server } from './fixtures.js'

const cfg = configDefaults
const parts = { authenticator: anonymousAuthenticator(), authorizer: alwaysAllow }
const deps = { ...defaultDeps, log: silentLogger }
const trace = step('trace', (next) => next)

/** Compositions that must not type-check: each is a chain the server would serve but not drain. */
export const refused = (): void => {
  // The footgun: a chain built from the server's signals but a runtime of its own.
  // @ts-expect-error a partial context is not a ServerContext
  newGenericServer({ name: 'x', buildHandlerChain: ({ signals }) => secureChain({ signals }, cfg, parts) })
  // @ts-expect-error a chain built from a fresh context is not the server's chain
  newGenericServer({ name: 'x', buildHandlerChain: () => secureChain(newServerContext(), cfg, parts) })
  const outside = newServerContext()
  // @ts-expect-error nor is one built from a context made outside the server
  newGenericServer({ name: 'x', buildHandlerChain: () => insecureChain(outside, cfg) })
  // @ts-expect-error a context spread into a new object is a new context
  newGenericServer({ name: 'x', buildHandlerChain: (ctx) => insecureChain({ ...outside, signals: ctx.signals }, cfg) })
  // @ts-expect-error a plain list of steps is not marked as built from the context
  newGenericServer({ name: 'x', buildHandlerChain: () => [trace] })
  // @ts-expect-error the old shape, a Filter, is not a chain built from the context
  newGenericServer({ name: 'x', buildHandlerChain: (ctx) => build(secureChain(ctx, cfg, parts)) })
  const annotated = (ctx: ServerContext) => secureChain(ctx, cfg, parts)
  // @ts-expect-error a builder typed for any context could return any context's chain; type it ChainBuilder
  newGenericServer({ name: 'x', buildHandlerChain: annotated })
  // @ts-expect-error the server makes its runtime; there is no option to hand it another
  newGenericServer({ name: 'x', runtime: outside.runtime })
  // @ts-expect-error the chain builders take the context; there is no default runtime to fall back on
  secureChain(cfg, parts)
  // @ts-expect-error the insecure chain too
  insecureChain(cfg)
}

/** Edits and checks keep the mark, so an edited chain of the context is still the server's chain. */
const edited: ChainBuilder = (ctx) => {
  const chain = pipe(
    secureChain(ctx, cfg, parts),
    insertAfter('panic-recovery', trace),
    E.chain(without('http-logging')),
    E.chainW(checkChain),
  )
  if (E.isLeft(chain)) throw new Error('the secure chain has panic-recovery and http-logging')
  return chain.right
}

const accepted = suite('server context types')

accepted('the compositions that type-check build servers: the chain of the context handed in, edited or hand-made', () => {
  const plain = server({ name: 'a', deps, buildHandlerChain: (ctx) => secureChain(ctx, cfg, parts) })
  const edit = server({ name: 'b', deps, buildHandlerChain: edited })
  const hand = server({ name: 'c', deps, buildHandlerChain: (ctx) => serverChain(ctx, [trace]) })
  assert.equal([plain.name, edit.name, hand.name], ['a', 'b', 'c'])
  assert.is(typeof refused, 'function')
})

accepted.run()
