import { connect } from 'node:net'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, silentLogger, text } from '../../src/core/index.js'
import { serveInsecurely } from '../../src/serve/serve-insecurely.js'
import { within } from '../support/http-client.js'

const hello: Handler = () => text(200, 'hello')

/** How a raw connection ended: what it read, and whether it ended with a FIN or an error (a reset). */
interface Ending {
  readonly received: string
  readonly error: string | undefined
}

/**
 * Sends a request line and `firstBytes` of one header, waits until the server answered, then sends
 * `laterBytes` more of it (a client still uploading its headers when the answer comes), and reports how
 * the connection ended.
 */
const sendOversizedHeaders = (port: number, firstBytes: number, laterBytes: number): Promise<Ending> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    let error: string | undefined
    let sentMore = false
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1')
      if (!sentMore && received.includes('\r\n\r\n')) {
        sentMore = true
        socket.write('a'.repeat(laterBytes))
      }
    })
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message))
    socket.on('close', () => resolve({ received, error }))
    socket.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(firstBytes)}`)
  })

const errors = suite('answerClientErrors')

errors('a client still sending too many header bytes reads the 431, and the connection ends with a FIN, not a reset', async () => {
  const stop = new AbortController()
  const result = await serveInsecurely({ bindAddress: '127.0.0.1', bindPort: 0 as t.Int }, hello, 2000, stop.signal, {
    log: silentLogger,
  })()
  if (result._tag === 'Left') throw new Error(result.left.message)
  try {
    const ending = await within(sendOversizedHeaders(result.right.address.port, 3 << 20, 4 << 20), 5000, 'the connection to end')
    assert.match(ending.received, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n$/)
    assert.is(ending.error, undefined)
  } finally {
    stop.abort()
    await result.right.stopped
  }
})

errors('a request line node cannot parse gets node 400, then the connection ends', async () => {
  const stop = new AbortController()
  const result = await serveInsecurely({ bindAddress: '127.0.0.1', bindPort: 0 as t.Int }, hello, 2000, stop.signal, {
    log: silentLogger,
  })()
  if (result._tag === 'Left') throw new Error(result.left.message)
  try {
    const ending = await within(
      new Promise<Ending>((resolve) => {
        const socket = connect(result.right.address.port, '127.0.0.1')
        let received = ''
        let error: string | undefined
        socket.on('data', (c: Buffer) => (received += c.toString('latin1')))
        socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code))
        socket.on('close', () => resolve({ received, error }))
        socket.write('NOT AN HTTP REQUEST\r\n\r\n')
      }),
      5000,
      'the connection to end',
    )
    assert.is(ending.received, 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    assert.is(ending.error, undefined)
  } finally {
    stop.abort()
    await result.right.stopped
  }
})

errors.run()
