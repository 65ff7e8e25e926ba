import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { Handler, Response } from '../../src/core/index.js'
import { handle, newMuxRef, newPathMux, toHandler, unregister, withNotFound } from '../../src/director/index.js'
import { makeRequest, run } from '../support/request.js'
import { answer, reply, right, tag } from './fixtures.js'

const ref = suite('mux ref')

ref('a handler over a cell serves whatever mux was installed last', async () => {
  const cell = newMuxRef(newPathMux())
  const h = toHandler(cell)
  assert.is((await reply(h, '/version')).status, 404)
  cell.set(right(handle('/version', tag('v1'))(newPathMux())))
  assert.is(await answer(h, '/version'), 'v1')
  cell.set(withNotFound(tag('gone'))(newPathMux()))
  assert.is(await answer(h, '/version'), 'gone')
})

ref('modify installs the edited mux and returns it', async () => {
  const cell = newMuxRef(newPathMux())
  const result = cell.modify(handle('/a', tag('a')))
  assert.ok(E.isRight(result) && result.right === cell.get())
  assert.is(await answer(toHandler(cell), '/a'), 'a')
  cell.modify((m) => E.right(unregister('/a')(m)))
  assert.is((await reply(toHandler(cell), '/a')).status, 404)
})

ref('a refused edit leaves the installed mux in place', async () => {
  const cell = newMuxRef(right(handle('/a', tag('first'))(newPathMux())))
  const before = cell.get()
  assert.equal(cell.modify(handle('/a', tag('second'))), E.left({ _tag: 'DuplicatePath', path: '/a' }))
  assert.is(cell.get(), before)
  assert.is(await answer(toHandler(cell), '/a'), 'first')
})

ref('a request keeps the mux it started with when the cell is swapped while it runs', async () => {
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  const slow: Handler = () => gate.then(() => tag('old')(makeRequest('/')))
  const cell = newMuxRef(right(handle('/slow', slow)(newPathMux())))
  const pending: Promise<Response> = run(toHandler(cell), makeRequest('/slow'))
  cell.set(right(handle('/slow', tag('new'))(newPathMux())))
  release()
  const res = await pending
  assert.is(res._tag === 'Http' && res.body._tag === 'Bytes' ? res.body.value : '', 'old')
  assert.is(await answer(toHandler(cell), '/slow'), 'new')
})

ref.run()
