// What every bench server shares: the hello body, a chain builder, and listening on 127.0.0.1:0.
import { type RequestListener, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type Chain,
  type Handler,
  type Response,
  build,
  constant,
  mapResponse,
  setHeaderIfAbsent,
  step,
  text,
} from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'

/** The inner handler of every kubechain row: a constant `hello`. */
export const hello: Handler = constant(text(200, 'hello'))

/** `n` pass-through steps, each its own closure that calls the next handler with the same request. */
export const passThrough = (n: number): Chain => Array.from({ length: n }, (_, i) => step(`pass-${i}`, (next) => (req) => next(req)))

/**
 * `n` steps that each do work after the inner handler answered (one `mapResponse` per step): count the
 * response by status class, as a metrics filter would. The bytes on the wire stay those of bare node:http.
 */
export const afterWork = (n: number): Chain =>
  Array.from({ length: n }, (_, i) => {
    const counts = [0, 0, 0, 0, 0, 0]
    const count = <R extends Response>(res: R): R => {
      if (res._tag === 'Http') counts[Math.floor(res.status / 100)] = (counts[Math.floor(res.status / 100)] ?? 0) + 1
      return res
    }
    return step(`after-${i}`, mapResponse(count))
  })

/** `n` steps that each set a distinct header after the inner handler answered: 12 more header lines on the wire. */
export const headerSetting = (n: number): Chain =>
  Array.from({ length: n }, (_, i) => {
    const mark = setHeaderIfAbsent(`x-step-${i}`, '1')
    return step(`after-${i}`, mapResponse(mark))
  })

/** Serves `hello` behind `chain` through the kubechain node adapter. */
export const serveChain = (chain: Chain): Promise<void> => serve(toNodeListener(build(chain)(hello)))

/** Listens on 127.0.0.1 on a free port and prints the port, one line, for the parent bench. */
export const serve = (listener: RequestListener): Promise<void> =>
  new Promise((resolve) => {
    const server = createServer(listener)
    server.listen(0, '127.0.0.1', () => {
      process.stdout.write(`${(server.address() as AddressInfo).port}\n`)
      resolve()
    })
  })
