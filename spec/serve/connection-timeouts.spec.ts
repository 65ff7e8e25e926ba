// Hostile and idle clients on the secure port: sessions node ends with GOAWAY are closed, and Go's
// ReadHeaderTimeout and IdleTimeout hold (issue 19, item 2).
import { connect as tcpConnect } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, constant, text } from '../../src/core/index.js'
import { within } from '../support/http-client.js'
import { getWith, preface, reset } from '../support/raw-h2.js'
import { closedWith, openFds, startSecure, tlsSession2, tlsSocket } from '../support/secure-server.js'

const hello: Handler = constant(text(200, 'hello'))
/** Probes five times as often as by default, to keep the specs short. */
const fast = { timeouts: { probeAfterMs: 200, pingAckMs: 300, busyProbeEveryMs: 200 } }
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Polls until `f` holds or `ms` passed; resolves with its last answer. */
const eventually = async (f: () => boolean, ms: number): Promise<boolean> => {
  const until = Date.now() + ms
  while (!f() && Date.now() < until) await pause(50)
  return f()
}

/** Opens a TLS connection with ALPN h2, writes `bytes`, waits a little, and goes away. */
const hitAndRun = async (port: number, bytes: Buffer): Promise<void> => {
  const s = await tlsSocket(port, 'h2')
  s.on('error', () => undefined)
  s.write(bytes)
  await pause(50)
  s.destroy()
}

/** The fd count once one ordinary request has been served (lazily opened descriptors included). */
const warmBaseline = async (port: number): Promise<number> => {
  const session = tlsSession2(port)
  await new Promise<void>((resolve) =>
    session
      .request({ ':path': '/' })
      .on('close', () => resolve())
      .resume(),
  )
  await new Promise<void>((resolve) => session.close(() => resolve()))
  await pause(100)
  return openFds()
}

const goaway = suite('HTTP/2 sessions node ends with GOAWAY')

goaway('a header block that fails to decompress leaves no socket open behind it', async () => {
  const server = await startSecure(hello, {}, fast)
  try {
    const base = await warmBaseline(server.port)
    for (let i = 0; i < 20; i++) await hitAndRun(server.port, Buffer.concat([preface, getWith(1, [['x-big', 'a'.repeat(70_000)]])]))
    assert.ok(await eventually(() => openFds() <= base, 3000), `fds back to ${base} (now ${openFds()})`)
  } finally {
    await server.stop()
  }
})

goaway('streams opened and reset in a burst (rapid reset) leave no socket open behind them', async () => {
  const server = await startSecure(hello, {}, fast)
  try {
    const base = await warmBaseline(server.port)
    const burst: Buffer[] = [preface]
    for (let i = 0; i < 2000; i++) burst.push(getWith(2 * i + 1), reset(2 * i + 1))
    for (let i = 0; i < 5; i++) await hitAndRun(server.port, Buffer.concat(burst))
    assert.ok(await eventually(() => openFds() <= base, 3000), `fds back to ${base} (now ${openFds()})`)
  } finally {
    await server.stop()
  }
})

goaway('a live client keeps its quiet session, with and without an open stream', async () => {
  let release = (): void => undefined
  const slow: Handler = () => new Promise((resolve) => (release = () => resolve(text(200, 'late'))))
  const server = await startSecure(slow, {}, fast)
  const session = tlsSession2(server.port)
  try {
    let body = ''
    const stream = session.request({ ':path': '/slow' })
    stream.on('data', (d: Buffer) => (body += d.toString()))
    await pause(1200) // several probes: node's client answers each PING
    assert.is(session.destroyed, false)
    release()
    await within(new Promise<void>((r) => stream.on('close', () => r())), 2000, 'the slow answer')
    assert.is(body, 'late')
    await pause(1200)
    assert.is(session.destroyed || session.closed, false, 'a quiet session without streams stays until its idle timeout')
  } finally {
    session.destroy()
    await server.stop()
  }
})

const timeouts = suite('idle and unfinished connections')

timeouts('an idle HTTP/2 session is closed after idleMs', async () => {
  const server = await startSecure(hello, {}, { timeouts: { ...fast.timeouts, idleMs: 700 } })
  const session = tlsSession2(server.port)
  try {
    await new Promise<void>((resolve) =>
      session
        .request({ ':path': '/' })
        .on('close', () => resolve())
        .resume(),
    )
    await within(new Promise<void>((r) => session.once('close', () => r())), 3000, 'the server closes the idle session')
  } finally {
    session.destroy()
    await server.stop()
  }
})

timeouts('an idle HTTP/1.1 keep-alive connection is closed after idleMs', async () => {
  const server = await startSecure(hello, {}, { timeouts: { idleMs: 500 } })
  try {
    const s = await tlsSocket(server.port)
    s.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')
    const got = await within(closedWith(s), 3000, 'the server closes the idle connection')
    assert.match(got, /^HTTP\/1\.1 200 [\s\S]*hello$/)
  } finally {
    await server.stop()
  }
})

timeouts('a connection that never completes its TLS handshake is closed after readHeaderMs', async () => {
  const server = await startSecure(hello, {}, { timeouts: { readHeaderMs: 500 } })
  try {
    const s = tcpConnect(server.port, '127.0.0.1')
    s.on('error', () => undefined)
    await within(new Promise<void>((r) => s.once('close', () => r())), 3000, 'the server closes the silent connection')
  } finally {
    await server.stop()
  }
})

timeouts('HTTP/1.1 request headers not complete within readHeaderMs close the connection', async () => {
  const server = await startSecure(hello, {}, { timeouts: { readHeaderMs: 500 } })
  try {
    const s = await tlsSocket(server.port)
    s.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ')
    const got = await within(closedWith(s), 4000, 'the server closes the connection')
    assert.not.match(got, /200 OK/)
  } finally {
    await server.stop()
  }
})

goaway.run()
timeouts.run()
