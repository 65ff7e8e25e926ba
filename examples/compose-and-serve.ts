// The README example: take upstream's chain as data, add your own steps, check the order, serve it.
import { createServer } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  type Handler,
  build,
  checkChain,
  hstsStep,
  insecureChain,
  insertAfter,
  newConfig,
  standaloneContext,
  step,
  text,
  toNodeListener,
} from '../src/index.js'

const hello: Handler = (req) => text(200, `hello from ${req.path}\n`)
const trace = step('trace', (next) => (req) => (console.log(req.method, req.url), next(req)))
const hsts = hstsStep({ directives: ['max-age=31536000', 'includeSubDomains'] })

const chain = pipe(
  newConfig({ maxRequestsInFlight: 100, requestTimeout: 30_000 }), // upstream's defaults, overridden
  E.map((cfg) => insecureChain(standaloneContext(), cfg)), // upstream's order, as an array of steps
  E.chainW(insertAfter('panic-recovery', trace, hsts)), // edit it by step name
  E.chainW(checkChain), // every ordering rule, checked
)
if (E.isLeft(chain)) throw new Error(JSON.stringify(chain.left))
createServer(toNodeListener(build(chain.right)(hello))).listen(8080, '127.0.0.1')
