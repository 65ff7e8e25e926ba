// The in-process rig of the micro benches: node:http's own parser and response writer on sockets whose
// peer lives in this process, so a request costs what node:http, the adapter and a chain cost, without
// the kernel or a load generator.
import { type RequestListener, createServer } from 'node:http'
import { Duplex } from 'node:stream'
import type { RunRequests } from './interleaved-rounds.js'

/** A socket whose peer lives in this process: it sends `request` again when a response has been written. */
class LoopSocket extends Duplex {
  readonly remoteAddress = '127.0.0.1'
  readonly remotePort = 40000
  readonly localAddress = '127.0.0.1'
  readonly localPort = 6443
  constructor(
    private readonly request: Buffer,
    private readonly onResponse: (ok: boolean) => boolean,
  ) {
    super()
  }
  override _read(): void {}
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    const head = chunk.toString('latin1', 0, 12)
    if (head.startsWith('HTTP/1.1 ') && this.onResponse(head === 'HTTP/1.1 200')) setImmediate(() => this.push(this.request))
    cb()
  }
  override _writev(chunks: Array<{ chunk: Buffer }>, cb: (e?: Error | null) => void): void {
    this._write(Buffer.concat(chunks.map((c) => c.chunk)), 'latin1', cb)
  }
  setNoDelay(): this {
    return this
  }
  setKeepAlive(): this {
    return this
  }
  setTimeout(): this {
    return this
  }
}

/** The request every micro-bench connection sends: a GET of `path` with a bearer token, as raw HTTP/1.1. */
export const benchRequest = (path: string, token: string): Buffer =>
  Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: micro\r\nAuthorization: Bearer ${token}\r\n\r\n`)

/**
 * Serves `listener` on `connections` loop sockets that each send `request` (raw HTTP/1.1) again and
 * again; the function it returns runs n requests and resolves with the non-200 count.
 */
export const loopSocketRig = (listener: RequestListener, request: Buffer, connections: number): RunRequests => {
  const server = createServer(listener)
  let done = 0
  let target = 0
  let failed = 0
  let finish: (failed: number) => void = () => {}
  const sockets = Array.from({ length: connections }, () => {
    const s = new LoopSocket(request, (ok) => {
      if (!ok) failed++
      done++
      if (done === target) finish(failed)
      return done + connections <= target
    })
    server.emit('connection', s)
    return s
  })
  return (n) =>
    new Promise((resolve) => {
      done = 0
      failed = 0
      target = n
      finish = resolve
      for (const s of sockets) s.push(request)
    })
}
