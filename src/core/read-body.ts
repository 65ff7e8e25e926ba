import type { Readable } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { CancelToken } from './cancel-token.js'
import { type RawRequest, type Request, requestBody } from './request.js'
import { type ApiError, statusError } from './status.js'
import { requestEntityTooLarge } from './status-errors.js'
import { maxPostHandlerReadBytes } from './unread-body.js'

export { maxPostHandlerReadBytes } from './unread-body.js'

/**
 * The 413 Status for a body over `limit` (`Request entity too large: limit is <n>`, upstream `limitedReadBody`);
 * `close` adds `Connection: close`, as Go's server does when a large part of the body stays unread.
 */
export const bodyTooLarge = (limit: number, close: boolean): ApiError => {
  const err = requestEntityTooLarge(`limit is ${limit}`)
  return close ? { ...err, headers: { connection: 'close' } } : err
}

/** True unless the request arrived over HTTP/2, where `Connection` does not exist. */
export const canCloseConnection = (raw: RawRequest | undefined): boolean => raw === undefined || raw.httpVersionMajor !== 2

/** Go's error when a body ends early (`io.ErrUnexpectedEOF`), answered as a non-Status error: 500, no reason. */
const unexpectedEof: ApiError = statusError({ status: 'Failure', code: 500, reason: '', message: 'unexpected EOF', details: undefined })

/** The error of a read given up because the request was cancelled (its deadline, or the client went away). */
const readCancelled = (reason: unknown): ApiError =>
  statusError({
    status: 'Failure',
    code: 500,
    reason: '',
    message: `request body read cancelled: ${reason instanceof Error ? reason.message : String(reason)}`,
    details: undefined,
  })

const noBytes = new Uint8Array(0)

/**
 * Reads the request body from `req.raw` (its `requestBody`: the HTTP/2 stream or node's request; empty
 * without one), at most `limit` bytes (`limit <= 0`: no limit); a longer body is the 413 Status error, and reading stops. A body cut off by the client is
 * Go's `unexpected EOF` (500). When the request's token is cancelled first (its deadline passed, the
 * client went away), reading stops at once with a 500 error: a slow body never keeps a handler, and
 * the seat it holds, past the request's deadline (Go's handler sees its body closed once the timeout
 * answered). Upstream `limitedReadBody`.
 * Port note: like Go's server, up to 256 KiB past the limit are drained so the connection can be reused;
 * beyond that the 413 carries `Connection: close` (HTTP/1) and the rest is discarded until the connection closes.
 * @example
 * pipe(readBodyLimited(req, 3 * 1024 * 1024), TE.map((body) => JSON.parse(Buffer.from(body).toString())))
 */
export const readBodyLimited =
  (req: Request, limit: number): TE.TaskEither<ApiError, Uint8Array> =>
  () => {
    const body = req.raw === undefined ? undefined : requestBody(req.raw)
    return body === undefined || body.readableEnded
      ? Promise.resolve(E.right(noBytes))
      : req.cancel.cancelled
        ? Promise.resolve(E.left(readCancelled(req.cancel.reason)))
        : readStream(body, limit, canCloseConnection(req.raw), req.cancel)
  }

const readStream = (raw: Readable, limit: number, http1: boolean, cancel: CancelToken): Promise<E.Either<ApiError, Uint8Array>> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    let unsubscribe = (): void => undefined
    const over = (): boolean => limit > 0 && size > limit
    // The error listener stays: a stream with none would crash the process on a late error.
    const settle = (result: E.Either<ApiError, Uint8Array>): void => {
      if (settled) return
      settled = true
      raw.off('data', onData).off('end', onEnd).off('close', onFail)
      unsubscribe()
      resolve(result)
    }
    const onData = (chunk: Buffer | string | Uint8Array): void => {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      size += b.length
      if (!over()) return void chunks.push(b)
      if (size - (limit + 1) < maxPostHandlerReadBytes) return
      settle(E.left(bodyTooLarge(limit, http1)))
      raw.resume()
    }
    const onEnd = (): void => settle(over() ? E.left(bodyTooLarge(limit, false)) : E.right(Buffer.concat(chunks, size)))
    const onFail = (): void => settle(E.left(unexpectedEof))
    raw.on('data', onData).once('end', onEnd).on('error', onFail).once('close', onFail)
    unsubscribe = cancel.onCancel((reason) => {
      settle(E.left(readCancelled(reason)))
      raw.pause() // not read further: the adapter closes the connection or resets the stream
    })
  })
