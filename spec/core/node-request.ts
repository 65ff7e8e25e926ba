// Spec support: Requests over node's own request objects, so `headerValues` meets node's header handling
// (joined repeated lines) without a socket.
import { IncomingMessage } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import { type RawRequest, type Request, newRequest, parseTarget } from '../../src/core/index.js'

/** Header lines as sent: `[name, value]` in order, repeated names allowed. */
export type Lines = ReadonlyArray<readonly [string, string]>

/** A Request over a real HTTP/1.1 `IncomingMessage` holding `lines`; node builds `headers` from them as for a parsed request. */
export const http1Request = (lines: Lines, path = '/'): Request => {
  const msg = new IncomingMessage(null as never)
  msg.httpVersionMajor = 1
  msg.httpVersionMinor = 1
  const flat = lines.flat()
  ;(msg as unknown as { _addHeaderLines(h: string[], n: number): void })._addHeaderLines(flat, flat.length) // what node's parser calls
  return over(msg, msg.headers, path)
}

/**
 * A Request over the shape of node's `Http2ServerRequest`: `headers` with repeated lines joined by `, `
 * (only the first kept for the single-value headers node lists, such as `authorization`), `rawHeaders`
 * as a flat lower-case list, no `headersDistinct` (the joins are checked against node by
 * spec/serve/repeated-headers.spec.ts).
 */
export const http2Request = (lines: Lines, path = '/'): Request => {
  const headers: Record<string, string> = {}
  for (const [n, v] of lines) headers[n] = !(n in headers) ? v : single.has(n) ? (headers[n] as string) : `${headers[n]}, ${v}`
  const raw = { httpVersionMajor: 2, headers, rawHeaders: lines.flat() } as unknown as RawRequest
  return over(raw, headers, path)
}

/** Some of node's HTTP/2 `kSingleValueHeaders`: a repeated line is dropped from `headers`. */
const single = new Set(['authorization', 'content-type', 'content-length', 'host', 'user-agent'])

const over = (raw: RawRequest, headers: Request['headers'], path: string): Request => {
  const target = parseTarget(path)
  if (E.isLeft(target)) throw new Error(target.left)
  return newRequest({ method: 'GET', target: target.right, headers, raw })
}
