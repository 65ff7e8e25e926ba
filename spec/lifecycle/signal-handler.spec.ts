import { EventEmitter } from 'node:events'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type SignalProcess, setupSignalHandler } from '../../src/lifecycle/signal-handler.js'

const fakeProcess = (platform = 'linux') => {
  const emitter = new EventEmitter()
  const exits: number[] = []
  const proc: SignalProcess = {
    platform,
    on: (signal, listener) => emitter.on(signal, listener),
    exit: (code) => void exits.push(code),
  }
  return { proc, emitter, exits }
}

const handler = suite('setupSignalHandler')

handler('the first SIGTERM aborts the signal; a second signal exits with code 1', () => {
  const { proc, emitter, exits } = fakeProcess()
  const stop = setupSignalHandler(proc)
  assert.is(stop.aborted, false)
  emitter.emit('SIGTERM')
  assert.is(stop.aborted, true)
  assert.equal(exits, [])
  emitter.emit('SIGINT')
  assert.equal(exits, [1])
})

handler('SIGINT counts as the first signal too', () => {
  const { proc, emitter, exits } = fakeProcess()
  const stop = setupSignalHandler(proc)
  emitter.emit('SIGINT')
  assert.is(stop.aborted, true)
  assert.equal(exits, [])
})

handler('on Windows only SIGINT is handled', () => {
  const { proc, emitter } = fakeProcess('win32')
  const stop = setupSignalHandler(proc)
  assert.is(emitter.listenerCount('SIGTERM'), 0)
  emitter.emit('SIGINT')
  assert.is(stop.aborted, true)
})

handler.run()
