import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { responseHead } from '../../src/serve/socket-response.js'

const head = suite('responseHead')

head('writes the status line, one line per header value, the length and connection: close', () => {
  const text = responseHead(401, { 'content-type': 'application/json', 'www-authenticate': ['Basic', 'Bearer'] }, 12)
  assert.is(
    text,
    'HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\nwww-authenticate: Basic\r\nwww-authenticate: Bearer\r\n' +
      'content-length: 12\r\nconnection: close\r\n\r\n',
  )
})

head('replaces framing headers of the response with its own and names unknown codes like Go', () => {
  const text = responseHead(599, { 'content-length': '999', connection: 'keep-alive', 'transfer-encoding': 'chunked' }, undefined)
  assert.is(text, 'HTTP/1.1 599 status code 599\r\nconnection: close\r\n\r\n')
})

head('throws on a header value that would split the response', () => {
  assert.throws(() => responseHead(200, { 'x-bad': 'a\r\nx-injected: 1' }, 0), /Invalid character in header content/)
  assert.throws(() => responseHead(200, { 'bad name': 'a' }, 0), /Header name must be a valid HTTP token/)
})

head.run()
