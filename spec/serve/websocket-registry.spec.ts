import { EventEmitter } from 'node:events'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { WebSocket } from 'ws'
import { newWebSocketRegistry } from '../../src/serve/websocket-registry.js'

/** A stand-in websocket: records `close` calls; emitting `'close'` is what `ws` does once it is closed. */
const fakeSocket = (): { ws: WebSocket; closes: Array<[number, string]>; emitter: EventEmitter } => {
  const emitter = new EventEmitter()
  const closes: Array<[number, string]> = []
  const ws = Object.assign(emitter, { close: (code: number, reason: string) => void closes.push([code, reason]) }) as unknown as WebSocket
  return { ws, closes, emitter }
}

const registry = suite('newWebSocketRegistry')

registry('closeAll closes every open websocket with the code and reason', () => {
  const r = newWebSocketRegistry()
  const a = fakeSocket()
  const b = fakeSocket()
  r.add(a.ws)
  r.add(b.ws)
  r.closeAll(1001, 'server shutting down')
  assert.equal(a.closes, [[1001, 'server shutting down']])
  assert.equal(b.closes, [[1001, 'server shutting down']])
})

registry('a websocket that closed leaves the registry', () => {
  const r = newWebSocketRegistry()
  const gone = fakeSocket()
  const open = fakeSocket()
  r.add(gone.ws)
  r.add(open.ws)
  gone.emitter.emit('close', 1000, Buffer.alloc(0))
  r.closeAll(1001, 'bye')
  assert.equal(gone.closes, [])
  assert.equal(open.closes, [[1001, 'bye']])
  assert.is(gone.emitter.listenerCount('close'), 0, 'no listener is left behind')
})

registry('adding the same websocket twice closes it once', () => {
  const r = newWebSocketRegistry()
  const a = fakeSocket()
  r.add(a.ws)
  r.add(a.ws)
  r.closeAll(1001, 'bye')
  assert.is(a.closes.length, 1)
})

registry('registries are independent, and closeAll on an empty one does nothing', () => {
  const one = newWebSocketRegistry()
  const other = newWebSocketRegistry()
  const a = fakeSocket()
  one.add(a.ws)
  other.closeAll(1001, 'bye')
  assert.equal(a.closes, [])
})

registry.run()
