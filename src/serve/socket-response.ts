import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Chunk, HttpResponse, ResponseHeaders } from '../core/index.js'
import { headerLines } from './header-lines.js'
import type { Report } from './listener-options.js'
import { writeStream } from './write-stream.js'

/**
 * Writes an Http response as plain HTTP/1.1 on a socket taken from an `'upgrade'` event, then closes
 * the socket: `content-length` for Empty and Bytes bodies (a Stream body ends with the connection),
 * always `connection: close`. Header names and values are validated first, so a bad header throws
 * before anything is written.
 */
export const writeSocketResponse = (socket: Duplex, r: HttpResponse, report: Report): void => {
  const body = r.body
  const length = body._tag === 'Bytes' ? byteLength(body.value) : body._tag === 'Empty' ? 0 : undefined
  const head = responseHead(r.status, r.headers, length)
  if (body._tag !== 'Stream') {
    socket.write(head, 'latin1')
    closeAfter(socket, body._tag === 'Bytes' ? body.value : undefined)
    return
  }
  socket.write(head, 'latin1')
  void writeStream(socket, body.chunks, {
    isClosed: (s) => s.destroyed,
    end: (s) => closeAfter(s, undefined),
    fail: (e) => {
      report('the response stream failed', e)
      socket.destroy()
    },
    report,
  })
}

/** The status line and header block; throws on an invalid header name or value. */
export const responseHead = (status: number, headers: ResponseHeaders, length: number | undefined): string => {
  const lines = headerLines(headers, framing)
  if (length !== undefined) lines.push(`content-length: ${length}`)
  lines.push('connection: close', '', '')
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? `status code ${status}`}\r\n${lines.join('\r\n')}`
}

/** Headers the socket writer sets itself. */
const framing: ReadonlySet<string> = new Set(['content-length', 'connection', 'transfer-encoding'])

const byteLength = (chunk: Chunk): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength)

/** Ends the socket, then destroys it once everything was written (node's `destroySoon`, also after errors). */
const closeAfter = (socket: Duplex, last: Chunk | undefined): void => {
  const destroy = (): void => {
    socket.destroy()
  }
  if (last === undefined) socket.end(destroy)
  else socket.end(last, destroy)
}
