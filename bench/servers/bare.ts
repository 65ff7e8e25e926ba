// Row "node:http": the same hello, written by hand on node:http, with the headers the adapter writes.
import { serve } from './hello-server.js'

const headers = { 'content-type': 'text/plain; charset=utf-8', 'content-length': '5' }

await serve((_req, res) => {
  res.writeHead(200, headers)
  res.end('hello')
})
