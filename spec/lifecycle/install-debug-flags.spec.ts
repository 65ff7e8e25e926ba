import { Readable } from 'node:stream'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, type RawRequest, type Response, newRequest, newVerbosity, parseTarget } from '../../src/core/index.js'
import { listedPaths, newPathMux, toHandler } from '../../src/director/index.js'
import { debugFlagRoutes, installDebugFlags, newGenericServer } from '../../src/lifecycle/index.js'
import { bodyText } from '../support/request.js'

const flags = suite('installDebugFlags')

const request = (method: string, path: string, body?: string) => {
  const target = parseTarget(path)
  if (E.isLeft(target)) throw new Error(target.left)
  const raw = body === undefined ? undefined : (Readable.from([Buffer.from(body)], { objectMode: false }) as unknown as RawRequest)
  return newRequest({ method, target: target.right, headers: {}, raw })
}

const answer = async (h: Handler, method: string, path: string, body?: string) => {
  const res: Response = await h(request(method, path, body))
  if (res._tag !== 'Http') throw new Error(res._tag)
  return {
    status: res.status,
    type: res.headers['content-type'],
    nosniff: res.headers['x-content-type-options'],
    body: await bodyText(res),
  }
}

const routes = () => {
  const verbosity = newVerbosity(0)
  const mux = debugFlagRoutes(verbosity)(newPathMux())
  if (E.isLeft(mux)) throw new Error('refused')
  return { verbosity, handler: toHandler(mux.right), mux: mux.right }
}

flags('PUT /debug/flags/v with a number sets the verbosity and says so, as upstream', async () => {
  const { verbosity, handler } = routes()
  assert.equal(await answer(handler, 'PUT', '/debug/flags/v', '4'), {
    status: 200,
    type: 'text/plain',
    nosniff: 'nosniff',
    body: 'successfully set klog.logging.verbosity to 4\n',
  })
  assert.is(verbosity.get(), 4)
  await answer(handler, 'PUT', '/debug/flags/v', '-1')
  assert.is(verbosity.get(), -1)
})

flags('a body Go does not read as an int32 is 400 with strconv.ParseInt error, the verbosity unchanged', async () => {
  const { verbosity, handler } = routes()
  verbosity.set(2)
  const bad = await answer(handler, 'PUT', '/debug/flags/v', '4\n')
  assert.equal([bad.status, bad.body], [400, 'failed set klog.logging.verbosity 4\n: strconv.ParseInt: parsing "4\\n": invalid syntax\n'])
  const big = await answer(handler, 'PUT', '/debug/flags/v', '2147483648')
  assert.equal(
    [big.status, big.body],
    [400, 'failed set klog.logging.verbosity 2147483648: strconv.ParseInt: parsing "2147483648": value out of range\n'],
  )
  const empty = await answer(handler, 'PUT', '/debug/flags/v')
  assert.equal([empty.status, empty.body], [400, 'failed set klog.logging.verbosity : strconv.ParseInt: parsing "": invalid syntax\n'])
  assert.is(verbosity.get(), 2)
})

flags('any other method is 406 unsupported http method (GET does not read the verbosity)', async () => {
  const { handler } = routes()
  for (const method of ['GET', 'POST', 'DELETE']) {
    const r = await answer(handler, method, '/debug/flags/v', '3')
    assert.equal([r.status, r.body, r.nosniff], [406, 'unsupported http method\n', 'nosniff'], method)
  }
})

flags('/debug/flags and anything under it is the HTML index listing v; none of the routes is listed', async () => {
  const { handler, mux } = routes()
  for (const path of ['/debug/flags', '/debug/flags/', '/debug/flags/vmodule']) {
    const r = await answer(handler, 'GET', path)
    assert.is(r.status, 200, path)
    assert.is(r.type, 'text/html; charset=utf-8')
    assert.match(r.body, '<title>/debug/flags/</title>')
    assert.match(r.body, '<tr>v<br>')
  }
  assert.equal(listedPaths(mux), [])
})

flags('installs the routes on a generic server, whose handler then serves them', async () => {
  const verbosity = newVerbosity(0)
  const server = newGenericServer({ name: 'test' })
  if (E.isLeft(server)) throw new Error(server.left.message)
  const installed = installDebugFlags(verbosity)(server.right)
  assert.ok(E.isRight(installed))
  const r = await answer(server.right.handler.director, 'PUT', '/debug/flags/v', '3')
  assert.is(r.status, 200)
  assert.is(verbosity.get(), 3)
  assert.ok(E.isLeft(installDebugFlags(verbosity)(server.right)), 'a second install is refused by the mux')
})

flags.run()
