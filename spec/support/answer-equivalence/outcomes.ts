// Spec support: what a handler answers (an outcome) and the ways it can give that answer.
import * as T from 'fp-ts/lib/Task.js'
import fc from 'fast-check'
import {
  type Handler,
  type Response,
  bytes,
  flushedAtOnceBytes,
  fromTask,
  statusError,
  stream,
  text,
  toResponse,
} from '../../../src/core/index.js'

/** What the innermost handler answers; a description, so every way builds a fresh response (a stream is read once). */
export type Outcome =
  | { readonly _tag: 'Text'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  | { readonly _tag: 'Large'; readonly status: number }
  | {
      readonly _tag: 'Stream'
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly chunks: ReadonlyArray<string>
    }
  | { readonly _tag: 'StatusError'; readonly code: number }
  | { readonly _tag: 'Defect'; readonly message: string }

/** How a response is given: at once, in a microtask, after a macrotask, by an `async` function, or by a `Task`. */
export type ResponseWay = 'sync' | 'microtask' | 'macrotask' | 'async' | 'task'
/** How a defect is given: a throw, a rejection (at once or after a macrotask), an `async` throw, a rejecting `Task`. */
export type DefectWay = 'throw' | 'reject' | 'macrotask-reject' | 'async-throw' | 'task-reject'

export const responseWays: ReadonlyArray<ResponseWay> = ['sync', 'microtask', 'macrotask', 'async', 'task']
export const defectWays: ReadonlyArray<DefectWay> = ['throw', 'reject', 'macrotask-reject', 'async-throw', 'task-reject']

const headerName = fc.constantFrom('x-a', 'x-b', 'content-type', 'cache-control', 'warning', 'retry-after')
const headers = fc.dictionary(
  headerName,
  fc.string({ maxLength: 8 }).map((s) => s.replace(/[^ -~]/g, '')),
  { maxKeys: 3 },
)
const status = fc.constantFrom(200, 201, 204, 302, 400, 404, 409, 500, 503)

/** Any outcome: a complete text response, a body too large to be complete, a stream, a 4xx Status, a defect. */
export const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ _tag: fc.constant('Text' as const), status, headers, body: fc.string({ maxLength: 20 }) }),
  fc.record({ _tag: fc.constant('Large' as const), status }),
  fc.record({ _tag: fc.constant('Stream' as const), status, headers, chunks: fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }) }),
  fc.record({ _tag: fc.constant('StatusError' as const), code: fc.constantFrom(400, 403, 404, 409, 422) }),
  fc.record({ _tag: fc.constant('Defect' as const), message: fc.constantFrom('boom', 'nil pointer') }),
)

async function* chunksOf(chunks: ReadonlyArray<string>): AsyncGenerator<string> {
  for (const c of chunks) yield c
}

/** A fresh response for a non-defect outcome. */
const responseOf = (o: Exclude<Outcome, { _tag: 'Defect' }>): Response => {
  switch (o._tag) {
    case 'Text':
      return text(o.status, o.body, o.headers)
    case 'Large':
      return bytes(o.status, 'x'.repeat(flushedAtOnceBytes + 1), { 'content-type': 'text/plain' })
    case 'Stream':
      return stream(o.status, chunksOf(o.chunks), o.headers)
    case 'StatusError':
      return toResponse(
        statusError({ status: 'Failure', code: o.code, reason: 'BadRequest', message: `failed with ${o.code}`, details: undefined }),
      )
  }
}

const afterMacrotask = <A>(f: () => A): Promise<A> => new Promise((resolve) => setImmediate(resolve)).then(f)

/** A handler giving `res()` the way `way` says. */
const giving = (res: () => Response, way: ResponseWay): Handler => {
  switch (way) {
    case 'sync':
      return () => res()
    case 'microtask':
      return () => Promise.resolve().then(res)
    case 'macrotask':
      return () => afterMacrotask(res)
    case 'async':
      return async () => res()
    case 'task':
      return fromTask(() => T.fromIO(res))
  }
}

/** A handler failing with `error` the way `way` says. */
const failing = (error: Error, way: DefectWay): Handler => {
  const raise = (): never => {
    throw error
  }
  switch (way) {
    case 'throw':
      return raise
    case 'reject':
      return () => Promise.reject(error)
    case 'macrotask-reject':
      return () => afterMacrotask(raise)
    case 'async-throw':
      return async () => raise()
    case 'task-reject':
      return fromTask(() => () => Promise.reject(error))
  }
}

/** Every way of answering `o`, named: the handlers a property runs the same request through. */
export const handlersFor = (o: Outcome): ReadonlyArray<readonly [string, Handler]> =>
  o._tag === 'Defect'
    ? defectWays.map((w) => [w, failing(new Error(o.message), w)] as const)
    : responseWays.map((w) => [w, giving(() => responseOf(o), w)] as const)
