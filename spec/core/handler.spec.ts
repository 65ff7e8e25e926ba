import * as T from 'fp-ts/lib/Task.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, constant, fromTask, identity, isPending, text } from '../../src/core/index.js'
import { makeRequest, now, run, statusOf } from '../support/request.js'

const handler = suite('handler combinators')

handler('identity returns the same handler', () => {
  const h: Handler = constant(text(200, 'x'))
  assert.is(identity(h), h)
})

handler('constant always answers the same response, at once', async () => {
  const res = text(418, 'teapot')
  assert.is(await run(constant(res), makeRequest('/')), res)
  assert.is(now(constant(res)(makeRequest('/'))), res)
})

handler('a plain handler and an async handler are both handlers; isPending tells them apart', () => {
  const res = text(200, 'hi')
  const plain: Handler = () => res
  const later: Handler = async () => res
  assert.not.ok(isPending(plain(makeRequest('/'))))
  assert.ok(isPending(later(makeRequest('/'))))
})

handler('fromTask adapts a Task handler: applying it runs the Task', async () => {
  let runs = 0
  const h = fromTask((req) => () => ((runs += 1), Promise.resolve(text(200, req.path))))
  const answer = h(makeRequest('/a'))
  assert.is(runs, 1, 'applying the handler starts the work')
  assert.is(statusOf(await answer), 200)
  assert.is(
    await run(
      fromTask((req) => T.of(text(201, req.path))),
      makeRequest('/b'),
    ).then(statusOf),
    201,
  )
})

handler.run()
