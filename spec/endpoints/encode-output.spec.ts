import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeOutput } from '../../src/endpoints/encode-output.js'
import { jsonTarget } from '../../src/endpoints/negotiate-output.js'
import { bodyText, statusOf } from '../support/request.js'

const value = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name: 'a', creationTimestamp: '2026-01-01T00:00:00Z', labels: { z: '1', b: 'true', y: 'yes' } },
  data: { k: '<&>' },
  list: ['x', 'y'],
}

const encode = suite('encodeOutput')

encode('JSON is compact with Go escaping and a trailing newline', async () => {
  const res = encodeOutput(jsonTarget, 201, { a: '<b>' })
  assert.is(statusOf(res), 201)
  assert.is(res.headers['content-type'], 'application/json')
  assert.is(await bodyText(res), '{"a":"\\u003cb\\u003e"}\n')
})

encode('pretty JSON is indented by two spaces without a trailing newline', async () => {
  assert.is(await bodyText(encodeOutput({ ...jsonTarget, pretty: true }, 200, { a: [1] })), '{\n  "a": [\n    1\n  ]\n}')
})

encode('YAML sorts keys, quotes ambiguous strings and does not indent sequences', async () => {
  const res = encodeOutput({ format: 'yaml', mediaType: 'application/yaml', convert: undefined, pretty: false }, 200, value)
  assert.is(res.headers['content-type'], 'application/yaml')
  assert.is(
    await bodyText(res),
    'apiVersion: v1\ndata:\n  k: <&>\nkind: ConfigMap\nlist:\n- x\n- "y"\nmetadata:\n  creationTimestamp: "2026-01-01T00:00:00Z"\n  labels:\n    b: "true"\n    "y": "yes"\n    z: "1"\n  name: a\n',
  )
})
encode.run()
