import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import { type Handler, type Response, identity, recordingLogger, step, text } from '../../src/core/index.js'
import { addWarning } from '../../src/request/warnings.js'
import { warningRecorderStep, withWarningRecorder } from '../../src/filters/with-warning-recorder.js'
import { makeRequest, run, now } from '../support/request.js'

const answering =
  (res: Response, warn: (req: Parameters<Handler>[0]) => void): Handler =>
  (req) => {
    warn(req)
    return Promise.resolve(res)
  }

const filter = suite('withWarningRecorder')

filter('adds recorded warnings to the inner response, in order, deduplicated by text', async () => {
  const { log } = recordingLogger()
  const inner = answering(text(200, 'ok'), (req) => {
    addWarning(req, '', 'first')
    addWarning(req, 'kube', 'second "quoted"')
    addWarning(req, 'other', 'first')
  })
  const res = await run(withWarningRecorder({ log })(inner), makeRequest('/api'))
  assert.equal(res.headers['warning'], ['299 - "first"', '299 kube "second \\"quoted\\""'])
  assert.is(res.headers['content-type'], 'text/plain; charset=utf-8')
})

filter('adds the warnings to an answered response in the same turn, or returns its promise when none', () => {
  const { log } = recordingLogger()
  const inner: Handler = (req) => {
    addWarning(req, '', 'now')
    return text(200, 'ok')
  }
  const p = withWarningRecorder({ log })(inner)(makeRequest('/'))
  assert.equal(now(p)?.headers['warning'], ['299 - "now"'])
  const quiet = text(200, 'quiet')
  assert.is(withWarningRecorder({ log })(() => quiet)(makeRequest('/')), quiet)
})

filter('returns the inner response itself when nothing was recorded', async () => {
  const { log } = recordingLogger()
  const inner = text(200, 'ok')
  assert.is(await run(withWarningRecorder({ log })(answering(inner, () => undefined)), makeRequest('/')), inner)
  const invalidOnly = answering(inner, (req) => addWarning(req, 'bad agent', 'x'))
  assert.is(await run(withWarningRecorder({ log })(invalidOnly), makeRequest('/')), inner)
})

filter('appends after Warning values the inner handler set itself', async () => {
  const { log } = recordingLogger()
  const inner = answering(text(200, 'ok', { warning: '299 - "own"' }), (req) => addWarning(req, '', 'added'))
  const res = await run(withWarningRecorder({ log })(inner), makeRequest('/'))
  assert.equal(res.headers['warning'], ['299 - "own"', '299 - "added"'])
})

filter('truncates past 4096 runes, replacing earlier values, and logs once', async () => {
  const { log, entries } = recordingLogger()
  const long = (i: number): string => String(i).padStart(3, '0') + 'x'.repeat(297)
  const inner = answering(text(200, 'ok', { warning: '299 - "own"' }), (req) => {
    for (let i = 0; i < 20; i++) addWarning(req, '', long(i))
  })
  const res = await run(withWarningRecorder({ log })(inner), makeRequest('/'))
  const values = res.headers['warning'] as ReadonlyArray<string>
  assert.is(values.length, 16) // 13 fit (3900 runes); the 14th truncates all to 256: 16 reach 4096
  assert.is(values[0], `299 - "${long(0).slice(0, 256)}"`)
  assert.is(values[15], `299 - "${long(15).slice(0, 256)}"`)
  assert.equal(entries, [{ level: 'error', msg: 'exceeded max warning header size, truncating' }])
})

filter('gives each request its own recorder', async () => {
  const { log } = recordingLogger()
  const handler = withWarningRecorder({ log })(answering(text(200, 'ok'), (req) => addWarning(req, '', req.path)))
  const a = await run(handler, makeRequest('/a'))
  const b = await run(handler, makeRequest('/b'))
  assert.equal(a.headers['warning'], ['299 - "/a"'])
  assert.equal(b.headers['warning'], ['299 - "/b"'])
})

filter('ignores warnings added after the inner handler answered', async () => {
  const { log } = recordingLogger()
  let later: (() => void) | undefined
  const inner = answering(text(200, 'ok'), (req) => {
    addWarning(req, '', 'in time')
    later = () => addWarning(req, '', 'too late')
  })
  const res = await run(withWarningRecorder({ log })(inner), makeRequest('/'))
  later?.()
  assert.equal(res.headers['warning'], ['299 - "in time"'])
})

filter('lets a defect through', async () => {
  const { log } = recordingLogger()
  const boom = new Error('boom')
  const failing: Handler = () => Promise.reject(boom)
  try {
    await run(withWarningRecorder({ log })(failing), makeRequest('/'))
    assert.unreachable('should reject')
  } catch (e) {
    assert.is(e, boom)
  }
})

const stepSuite = suite('warningRecorderStep')

stepSuite('provides WarningRecorder and must run inside timeout', () => {
  const s = warningRecorderStep({ log: recordingLogger().log })
  assert.is(s.name, 'warning-recorder')
  assert.equal(s.provides, ['WarningRecorder'])
  assert.equal(s.inside, ['timeout'])
  const timeout = step('timeout', identity)
  assert.ok(E.isRight(checkChain([timeout, s])))
  assert.equal(checkChain([s, timeout]), E.left([{ _tag: 'MustRunInside', step: 'warning-recorder', other: 'timeout' }]))
})

filter.run()
stepSuite.run()
