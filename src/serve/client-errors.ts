import type { Server as NetServer } from 'node:net'
import type { Duplex } from 'node:stream'

/** node's own answers to an HTTP/1 request it cannot parse or that came too slowly, by error code. */
const answers: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
}

const answerFor = (code: string | undefined): string =>
  `HTTP/1.1 ${(code === undefined ? undefined : answers[code]) ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`

/** How long a refused connection is read and dropped before it is closed (Go's `rstAvoidanceDelay`). */
export const lingerMs = 500

/** A socket of node's HTTP/1 server, with the response it is writing, if any. */
type HttpSocket = Duplex & { readonly _httpMessage?: { readonly headersSent?: boolean } | null }

/**
 * Answers HTTP/1 client errors (`'clientError'`) as node does (431 for too many header bytes, 408 for a
 * request too slow to arrive, 400 otherwise), then closes as Go's `closeWriteAndWait` does: the answer
 * and a FIN, then what the client still sends is read and dropped until it closes or `lingerMs` passed.
 * node would destroy the socket at once, and closing a socket with unread bytes resets the connection,
 * so a client still sending its 2 MiB of headers could see ECONNRESET before it reads the 431. A socket
 * that cannot be written, or whose response already started, is destroyed as before, and so is one that
 * failed on its own (TLS, resets), after node's 400 when it can still take it.
 * @example
 * import { createServer } from 'node:http'
 *
 * answerClientErrors(createServer(toNodeListener(inner)))
 */
export const answerClientErrors = (server: NetServer): void => {
  server.on('clientError', (err: Error & { code?: string }, socket: HttpSocket) => {
    if (refused.has(socket)) return
    refused.add(socket)
    const answerable = socket.writable && socket._httpMessage?.headersSent !== true
    if (!answerable || !isRequestError(err.code)) {
      if (answerable) socket.write(answerFor(err.code))
      return void socket.destroy()
    }
    socket.removeAllListeners('data') // the parser failed: nothing more is parsed
    socket.on('data', drop)
    socket.end(answerFor(err.code))
    const timer = setTimeout(() => socket.destroy(), lingerMs)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
  })
}

/** The request's own failures (node's parser, the header timeout); others are the socket's (TLS, resets). */
const isRequestError = (code: string | undefined): boolean =>
  code !== undefined && (code.startsWith('HPE_') || code === 'ERR_HTTP_REQUEST_TIMEOUT')

/** Sockets already answered: the parser may report the same failure again for later bytes. */
const refused = new WeakSet<object>()

const drop = (): void => undefined
