import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type Handler, type HttpResponse, type Request, constant, readBodyLimited, text, toResponse } from '../core/index.js'
import type { Verbosity } from '../core/verbosity.js'
import { goQuote } from '../internal/go/go-quote.js'
import { muxErrorMessage } from '../director/mux-error.js'
import { type MuxEdit, unlistedHandle, unlistedHandlePrefix } from '../director/path-mux.js'
import type { GenericServer } from './generic-server.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'

/** The largest body `/debug/flags/v` reads: the generic server's request body limit. */
const maxBodyBytes = 3 * 1024 * 1024

/**
 * Upstream `routes.DebugFlags{}.Install(mux, "v", StringFlagPutHandler(GlogSetter))`, which the generic
 * server installs with profiling (`--profiling`): unlisted `/debug/flags` and `/debug/flags/...`
 * answer the HTML index of the flags, and `/debug/flags/v` sets the log verbosity at run time: `PUT`
 * with a body that Go's `strconv.ParseInt(body, 10, 32)` reads (no trailing newline) answers `200
 * successfully set klog.logging.verbosity to N`; a bad number `400 failed set klog.logging.verbosity
 * <body>: strconv.ParseInt: parsing "<body>": invalid syntax`; any other method `406 unsupported http
 * method`. Texts are `text/plain` with `X-Content-Type-Options: nosniff` and a final newline. Only
 * `system:masters` reach it under the bootstrap RBAC policy (no role grants `/debug/*` to others).
 * @example
 * pipe(newGenericServer({ name: 'demo' }), E.chain(installDebugFlags(newVerbosity(0))), E.chain(prepareRun))
 */
export const installDebugFlags =
  (verbosity: Verbosity) =>
  (server: GenericServer): E.Either<LifecycleError, GenericServer> =>
    pipe(
      server.handler.mux.modify(debugFlagRoutes(verbosity)),
      E.bimap(
        (e) => lifecycleError('MuxRefused', muxErrorMessage(e)),
        () => server,
      ),
    )

/** The three routes of `installDebugFlags`, as one mux edit. */
export const debugFlagRoutes =
  (verbosity: Verbosity): MuxEdit =>
  (mux) =>
    pipe(
      unlistedHandle('/debug/flags', indexHandler)(mux),
      E.chain(unlistedHandlePrefix('/debug/flags/', indexHandler)),
      E.chain(unlistedHandle('/debug/flags/v', verbosityHandler(verbosity))),
    )

const indexPage =
  '<html>\n<head>\n<title>/debug/flags/</title>\n</head>\n<body>\n/debug/flags/<br>\n<br>\nflags:<br>\n<table>\n\n<tr>v<br>\n\n</table>\n<br>\nfull flags configurable<br>\n</body>\n</html>\n'

const indexHandler: Handler = constant(text(200, indexPage, { 'content-type': 'text/html; charset=utf-8' }))

const plain = (status: number, body: string): HttpResponse =>
  text(status, `${body}\n`, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' })

const unsupported = plain(406, 'unsupported http method')

/** `StringFlagPutHandler(GlogSetter)`: reads the whole body and sets the verbosity it names. */
const verbosityHandler =
  (verbosity: Verbosity): Handler =>
  (req: Request) => {
    if (req.method !== 'PUT') return unsupported
    return pipe(
      readBodyLimited(req, maxBodyBytes),
      TE.match(toResponse, (body) => setVerbosity(verbosity, Buffer.from(body).toString('utf8'))),
    )()
  }

const setVerbosity = (verbosity: Verbosity, value: string): HttpResponse =>
  pipe(
    parseInt32(value),
    E.match(
      (err) => plain(400, `failed set klog.logging.verbosity ${value}: ${err}`),
      (v) => (verbosity.set(v), plain(200, `successfully set klog.logging.verbosity to ${value}`)),
    ),
  )

/** Go's `strconv.ParseInt(s, 10, 32)` with its error texts. */
const parseInt32 = (s: string): E.Either<string, number> => {
  if (!/^[+-]?[0-9]+$/.test(s)) return E.left(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`)
  const n = Number(s)
  if (n < -(2 ** 31) || n > 2 ** 31 - 1) return E.left(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`)
  return E.right(n === 0 ? 0 : n)
}
