// Spec support: requests made in memory, handlers run, responses read back.
import * as E from 'fp-ts/lib/Either.js'
import {
  type Answer,
  type Attributes,
  type CancelSource,
  type Handler,
  type Headers,
  type Request,
  type Response,
  isPending,
  newCancelSource,
  newRequest,
  parseTarget,
} from '../../src/core/index.js'

/** Options of an in-memory request. */
export interface MakeRequest {
  readonly method?: string
  readonly headers?: Headers
  readonly cancel?: CancelSource
  readonly attributes?: Attributes
}

/** Makes a Request in memory; throws on a target that does not parse (specs only). */
export const makeRequest = (url: string, opts: MakeRequest = {}): Request => {
  const target = parseTarget(url)
  if (E.isLeft(target)) throw new Error(target.left)
  return newRequest({
    method: opts.method ?? 'GET',
    target: target.right,
    headers: opts.headers ?? {},
    cancel: (opts.cancel ?? newCancelSource()).token,
    attributes: opts.attributes,
  })
}

/** Runs a handler on a request. */
export const run = async (handler: Handler, req: Request): Promise<Response> => handler(req)

/** Reads a response body as text (streams are drained). */
export const bodyText = async (res: Response): Promise<string> => {
  if (res._tag !== 'Http') throw new Error(`expected an Http response, got ${res._tag}`)
  const body = res.body
  if (body._tag === 'Empty') return ''
  if (body._tag === 'Bytes') return typeof body.value === 'string' ? body.value : Buffer.from(body.value).toString('utf8')
  let out = ''
  for await (const chunk of body.chunks) out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
  return out
}

/** The status of an Http response (throws for upgrade/takeover). */
export const statusOf = (res: Response): number => {
  if (res._tag !== 'Http') throw new Error(`expected an Http response, got ${res._tag}`)
  return res.status
}

/** The chunks of a streamed body, as an async generator (read once). */
export async function* chunksOf(...chunks: string[]): AsyncGenerator<string> {
  yield* chunks
}

/** The response an answer gives at once, or `undefined` when it is a promise (the answer comes later). */
export const now = (answer: Answer): Response | undefined => (isPending(answer) ? undefined : answer)
