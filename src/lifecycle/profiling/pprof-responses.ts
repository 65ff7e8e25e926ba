import { type HttpResponse, bytes } from '../../core/response.js'

/** Go's `serveError` in `net/http/pprof`: plain text and a newline, marked `X-Go-Pprof: 1`. */
export const pprofError = (status: number, message: string): HttpResponse =>
  bytes(status, `${message}\n`, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'x-go-pprof': '1',
  })

/** The headers of a profile sent as a file: its media type and `attachment; filename="<name>"`. */
export const attachmentHeaders = (contentType: string, filename: string): Readonly<Record<string, string>> => ({
  'content-type': contentType,
  'content-disposition': `attachment; filename="${filename}"`,
  'x-content-type-options': 'nosniff',
})

/** The answer for a request whose client went away, which nobody reads (Go's `context canceled`). */
export const clientGone = (): HttpResponse => pprofError(500, 'context canceled')
