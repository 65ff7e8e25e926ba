import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { asksToClose, forHttp2 } from '../../src/serve/http2-headers.js'

const strip = suite('forHttp2')

strip('drops every connection-specific header and keeps the rest in order', () => {
  const headers = {
    'content-type': 'text/plain',
    connection: 'close',
    'keep-alive': 'timeout=5',
    'proxy-connection': 'keep-alive',
    'transfer-encoding': 'chunked',
    upgrade: 'websocket',
    'http2-settings': 'AAMAAABkAAQAoAAAAAIAAAAA',
    te: 'trailers',
    'x-multi': ['a', 'b'],
  }
  assert.equal(Object.entries(forHttp2(headers)), [
    ['content-type', 'text/plain'],
    ['x-multi', ['a', 'b']],
  ])
})

strip('returns the same object when there is nothing to drop', () => {
  const headers = { 'content-type': 'text/plain', 'x-connection': 'close' }
  assert.is(forHttp2(headers), headers)
})

strip.run()

const close = suite('asksToClose')

close('finds the close token in any case, in lists and in repeated values', () => {
  assert.is(asksToClose('close'), true)
  assert.is(asksToClose('Close'), true)
  assert.is(asksToClose('keep-alive, close'), true)
  assert.is(asksToClose(['upgrade', ' close ']), true)
})

close('is false without the token', () => {
  assert.is(asksToClose(undefined), false)
  assert.is(asksToClose('keep-alive'), false)
  assert.is(asksToClose('closed'), false)
  assert.is(asksToClose(['x-close', 'enclose']), false)
})

close.run()
