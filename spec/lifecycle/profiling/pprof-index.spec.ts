import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type HttpResponse, type Response, text } from '../../../src/core/index.js'
import { pprofIndex, pprofRedirect } from '../../../src/lifecycle/profiling/pprof-index.js'
import { bodyText, makeRequest } from '../../support/request.js'

const http = (res: Response): HttpResponse => {
  if (res._tag !== 'Http') throw new Error(`expected Http, got ${res._tag}`)
  return res
}

const index = pprofIndex({ heap: () => text(200, 'heap here') })

const idx = suite('pprofIndex')

idx('the prefix itself lists the profiles as an HTML page, with links relative to it', async () => {
  const res = http(await index(makeRequest('/debug/pprof/')))
  assert.is(res.status, 200)
  assert.is(res.headers['content-type'], 'text/html; charset=utf-8')
  const page = await bodyText(res)
  assert.ok(page.startsWith('<html>\n<head>\n<title>/debug/pprof/</title>'))
  assert.ok(page.includes("<a href='heap'>heap</a>"))
  assert.ok(page.includes("<a href='profile'>profile</a>"))
})

idx('a named profile goes to its handler', async () => {
  assert.is(await bodyText(await index(makeRequest('/debug/pprof/heap?gc=1'))), 'heap here')
})

idx("any other name is Go's 404 Unknown profile, names like Object's own keys included", async () => {
  for (const path of ['/debug/pprof/goroutine', '/debug/pprof/heap/x', '/debug/pprof/toString', '/debug/pprof/__proto__']) {
    const res = http(await index(makeRequest(path)))
    assert.is(res.status, 404, path)
    assert.is(await bodyText(res), 'Unknown profile\n', path)
    assert.is(res.headers['x-go-pprof'], '1', path)
  }
})

idx.run()

const redirect = suite('pprofRedirect')

redirect("redirects to the prefix with 302 and Go's body for GET", async () => {
  const res = http(await pprofRedirect(makeRequest('/debug/pprof')))
  assert.is(res.status, 302)
  assert.is(res.headers.location, '/debug/pprof/')
  assert.is(await bodyText(res), '<a href="/debug/pprof/">Found</a>.\n\n')
})

redirect('sends no body for HEAD and no content type for other methods', async () => {
  const head = http(await pprofRedirect(makeRequest('/debug/pprof', { method: 'HEAD' })))
  assert.is(await bodyText(head), '')
  assert.is(head.headers['content-type'], 'text/html; charset=utf-8')
  const post = http(await pprofRedirect(makeRequest('/debug/pprof', { method: 'POST' })))
  assert.is(post.status, 302)
  assert.is(post.headers['content-type'], undefined)
})

redirect.run()
