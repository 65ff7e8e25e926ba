import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'

/** The peer of a request that did not come from a node socket, as far as its server tells it. */
export interface PeerAddress {
  readonly remoteAddress: string
  readonly remotePort?: number | undefined
}

/**
 * A request made in memory: by a fetch server's Web `Request` (`toFetchHandler`) or by `inject`. It looks
 * like an HTTP/1.1 node request to the code that reads `req.raw`: `headers` as node's object (lower-case
 * names, a repeated header's values joined with `, `, `set-cookie` an array), `rawHeaders` as node's flat
 * `[name, value, ...]` list (one entry per header line it was given), `body` a Readable opened on first
 * read, no `socket` (so no client certificate), and the `peer` address when its server told it.
 */
export class MemoryRequest {
  private opened: Readable | undefined = undefined

  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
    readonly rawHeaders: string[],
    private readonly open: () => Readable,
    readonly peer: PeerAddress | undefined,
  ) {}

  /** There is no socket underneath. */
  get socket(): undefined {
    return undefined
  }

  get httpVersionMajor(): 1 {
    return 1
  }

  get httpVersionMinor(): 1 {
    return 1
  }

  get httpVersion(): '1.1' {
    return '1.1'
  }

  /** The request body, made by `open` on first read. */
  get body(): Readable {
    this.opened ??= this.open()
    return this.opened
  }

  /**
   * Stops reading a body that was opened, is not read to its end and has no reader left (destroying it
   * cancels a Web body): its response was handed over, and a body left flowing (`readBodyLimited` discards
   * what is past its limit) would be read for as long as the client sends. A handler still reading it
   * (`'data'` or `'readable'` listeners, as node's server leaves a request it sees consumed) keeps it.
   */
  letGo(): void {
    const body = this.opened
    if (body === undefined || body.readableEnded || body.listenerCount('data') + body.listenerCount('readable') > 0) return
    body.destroy()
  }
}
