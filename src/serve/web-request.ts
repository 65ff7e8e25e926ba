import type { IncomingHttpHeaders } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { type CancelSource, MemoryRequest, type PeerAddress, newCancelSource } from '../core/index.js'

/**
 * The raw request of a Web `Request`: its method, its target (path and query of `request.url`), its
 * headers as node would give them, and its body as a Readable made on first read. Web `Headers` keep one
 * value per name, a repeated header's values joined with `, ` (`set-cookie` aside), so `rawHeaders` has
 * one line per name.
 */
export const memoryRequestOf = (request: globalThis.Request, peer: PeerAddress | undefined): MemoryRequest => {
  const headers: IncomingHttpHeaders = {}
  const rawHeaders: string[] = []
  for (const [name, value] of request.headers) {
    rawHeaders.push(name, value)
    if (name !== 'set-cookie') headers[name] = value
    else (headers['set-cookie'] ??= []).push(value)
  }
  const body = request.body
  const open = body === null ? emptyBody : () => Readable.fromWeb(body as NodeReadableStream<Uint8Array>)
  return new MemoryRequest(request.method, targetOf(request.url), headers, rawHeaders, open, peer)
}

/**
 * A cancel source for a Web request: cancelled when its `signal` aborts (the client went away). The
 * signal is watched from the first subscriber on, as node adapters watch the connection.
 */
export const cancelSourceOf = (signal: AbortSignal): CancelSource =>
  newCancelSource(undefined, (cancel) => {
    if (signal.aborted) return cancel(signal.reason)
    signal.addEventListener('abort', () => cancel(signal.reason), { once: true })
  })

/** The path and query of an absolute URL (`http://host/a?b` gives `/a?b`), as received: not normalised further. */
const targetOf = (url: string): string => {
  const scheme = url.indexOf('://')
  const at = url.indexOf('/', scheme < 0 ? 0 : scheme + 3)
  return at < 0 ? '/' : url.slice(at)
}

const emptyBody = (): Readable => Readable.from([])
