import { request } from 'node:http'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { start } from '../../examples/own-resource.js'
import type { Running } from '../../examples/listen.js'

const call = (
  port: number,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })

const test = suite<{ running: Running }>('examples/own-resource')
test.before(async (ctx) => {
  ctx.running = await start(0)
})
test.after(async (ctx) => ctx.running.close())

const root = '/apis/example.kubechain.dev/v1'

test('a Widget is created, listed as a Table with its Color column, and strict about unknown fields', async ({ running }) => {
  const created = await call(running.port, 'POST', `${root}/widgets`, {
    apiVersion: 'example.kubechain.dev/v1',
    kind: 'Widget',
    metadata: { name: 'w1' },
    spec: { color: 'blue' },
  })
  assert.equal([created.status, created.body.metadata.name], [201, 'w1'])
  const table = await call(running.port, 'GET', `${root}/widgets`, undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' })
  assert.equal(
    table.body.columnDefinitions.map((c: { name: string }) => c.name),
    ['Name', 'Color', 'Age'],
  )
  assert.equal(table.body.rows[0].cells.slice(0, 2), ['w1', 'blue'])
  const strict = await call(running.port, 'POST', `${root}/widgets?fieldValidation=Strict`, { metadata: { name: 'w2' }, spek: {} })
  assert.equal(
    [strict.status, strict.body.message],
    [400, 'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spek"'],
  )
})

test('its discovery document and OpenAPI are served for kubectl', async ({ running }) => {
  const discovery = await call(running.port, 'GET', root)
  assert.equal(
    discovery.body.resources.map((r: { name: string }) => r.name),
    ['widgets'],
  )
  const index = await call(running.port, 'GET', '/openapi/v3')
  assert.ok(Object.keys(index.body.paths).includes('apis/example.kubechain.dev/v1'))
})

test.run()
