import { Agent, createServer } from 'node:http'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Chunk, type HeaderValue, type HttpResponse, bytes, empty, stream, text } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { ask, closeHttp, listen } from '../support/http-client.js'

const roundTrip = suite('toNodeListener round trip')

/** Names node or the adapter write themselves, which a round trip cannot own. */
const reserved = new Set(['connection', 'content-length', 'date', 'expect', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade'])

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((n) => !reserved.has(n) && !n.startsWith('proxy-'))

/** Printable ASCII without leading or trailing spaces (HTTP trims those). */
const headerValue = fc.stringMatching(/^(?:[!-~](?:[ -~]{0,30}[!-~])?)?$/)

const headers = fc.dictionary(headerName, fc.oneof(headerValue, fc.array(headerValue, { minLength: 1, maxLength: 3 })), { maxKeys: 6 })

const chunk: fc.Arbitrary<Chunk> = fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 300 }))

const status = fc.integer({ min: 200, max: 599 }).filter((s) => s !== 204 && s !== 304)

interface Case {
  readonly response: HttpResponse
  readonly expectedBody: Buffer
  readonly headers: Record<string, HeaderValue>
}

const response: fc.Arbitrary<Case> = fc
  .record({ status, headers, kind: fc.constantFrom('empty', 'bytes', 'stream'), chunks: fc.array(chunk, { maxLength: 6 }) })
  .map(({ status, headers, kind, chunks }) => {
    const body = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c))))
    const response =
      kind === 'empty'
        ? empty(status, headers)
        : kind === 'bytes'
          ? bytes(status, chunks[0] ?? '', headers)
          : stream(
              status,
              (async function* () {
                yield* chunks
              })(),
              headers,
            )
    const expectedBody = kind === 'empty' ? Buffer.alloc(0) : kind === 'bytes' ? body.subarray(0, chunkLength(chunks[0])) : body
    return { response, expectedBody, headers }
  })

roundTrip('status, headers and body bytes read back as written over a real socket', async () => {
  let current: HttpResponse = text(200, 'unset')
  const server = createServer(toNodeListener(() => Promise.resolve(current)))
  const port = await listen(server)
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    await fc.assert(
      fc.asyncProperty(response, async (c) => {
        current = c.response
        const r = await ask(port, '/', { agent })
        assert.is(r.status, c.response.status)
        assert.equal(sent(r.rawHeaders, c.headers), expectedLines(c.headers))
        assert.is(r.body.toString('hex'), c.expectedBody.toString('hex'))
      }),
      { numRuns: 50 },
    )
  } finally {
    agent.destroy()
    await closeHttp(server)
  }
})

roundTrip.run()

function chunkLength(c: Chunk | undefined): number {
  return c === undefined ? 0 : typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength
}

/** The `name: value` lines the response should carry, in order. */
function expectedLines(headers: Record<string, HeaderValue>): string[] {
  return Object.entries(headers).flatMap(([n, v]) => (typeof v === 'string' ? [v] : [...v]).map((x) => `${n}: ${x}`))
}

/** The lines of rawHeaders whose names the case chose. */
function sent(rawHeaders: ReadonlyArray<string>, headers: Record<string, HeaderValue>): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase()
    if (name in headers) out.push(`${name}: ${rawHeaders[i + 1] ?? ''}`)
  }
  return out
}
