import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { WebSocketServer } from 'ws'
import {
  type Done,
  type Ended,
  type Handler,
  type Response,
  empty,
  exit,
  mapResponse,
  runFinalizers,
  setHeader,
  setHeaderIfAbsent,
  settle,
  stream,
  takeover,
  text,
  upgrade,
  whenDone,
  whenEnded,
} from '../../src/core/index.js'
import { chunksOf, makeRequest, now, statusOf } from '../support/request.js'

const req = makeRequest('/')
const boom = new Error('boom')
const throwing: Handler = () => {
  throw boom
}
const rejecting: Handler = () => Promise.reject(boom)

/** What an answer settles to: the response, or the defect it threw or rejected with. */
const outcome = async (answer: () => unknown): Promise<unknown> => {
  try {
    return await answer()
  } catch (e) {
    return e
  }
}

const exits = suite('exit')

exits('hands a response given at once to answered in the same turn, a promise with one then', async () => {
  const seen: string[] = []
  const on = { answered: (res: Response, c: string) => (seen.push(c), res), defect: (e: unknown) => Promise.reject(e) }
  const res = text(200, 'ok')
  assert.is(
    exit(() => res, req, on, 'now'),
    res,
  )
  assert.equal(seen, ['now'])
  const later = exit(() => Promise.resolve(res), req, on, 'later')
  assert.is(now(later), undefined)
  assert.equal(seen, ['now'])
  assert.is(await later, res)
  assert.equal(seen, ['now', 'later'])
})

exits('hands a throw and a rejection alike to defect, whose answer goes outward', async () => {
  const on = { answered: (res: Response) => res, defect: (e: unknown) => text(500, String(e)) }
  assert.is(statusOf(exit(throwing, req, on, undefined) as Response), 500)
  assert.is(statusOf(await exit(rejecting, req, on, undefined)), 500)
})

const mapped = suite('mapResponse')

const mark = setHeader('x-mapped', 'yes')

mapped('maps a response given at once in the same turn', () => {
  const out = now(mapResponse(mark)(() => text(200, 'ok'))(req))
  assert.is(out?.headers['x-mapped'], 'yes')
})

mapped('gives the inner response itself when the mapping returns its argument', () => {
  const inner = text(200, 'ok', { 'x-mapped': 'already' })
  assert.is(mapResponse(setHeaderIfAbsent('x-mapped', 'yes'))(() => inner)(req), inner)
  assert.is.not(mapResponse(mark)(() => inner)(req), inner)
})

mapped('maps a response that comes later once its promise is fulfilled', async () => {
  const p = mapResponse(mark)(() => Promise.resolve(text(200, 'ok')))(req)
  assert.is(now(p), undefined)
  assert.is((await p).headers['x-mapped'], 'yes')
})

mapped('a mapping that throws is a defect, on either path', async () => {
  const failing = mapResponse((_: Response): Response => {
    throw boom
  })
  for (const inner of [() => text(200, 'ok'), () => Promise.resolve(text(200, 'ok'))]) {
    assert.is(await outcome(() => failing(inner)(req)), boom)
  }
})

mapped('a handler that throws or rejects goes on outward without mapping', async () => {
  let calls = 0
  const counting = mapResponse((r: Response) => ((calls += 1), r))
  assert.is(await outcome(() => counting(throwing)(req)), boom)
  assert.is(await outcome(() => counting(rejecting)(req)), boom)
  assert.is(calls, 0)
})

const done = suite('whenDone')

const workingOn = (): ReadonlyArray<readonly [string, Response]> => [
  ['a stream', stream(200, chunksOf('a'))],
  ['an upgrade', upgrade(new WebSocketServer({ noServer: true }), () => undefined)],
  ['a takeover', takeover(() => undefined)],
]

done('a complete response given at once is done in the same turn, and returned as it is', () => {
  for (const res of [text(200, 'ok'), empty(204)]) {
    const seen: Done[] = []
    assert.is(
      whenDone(
        () => res,
        req,
        (d) => seen.push(d),
      ),
      res,
    )
    assert.equal(seen, ['answered'])
  }
})

done('a complete response that comes later is done when it came', async () => {
  const seen: Done[] = []
  const p = whenDone(
    () => Promise.resolve(text(200, 'ok')),
    req,
    (d) => seen.push(d),
  )
  assert.equal(seen, [])
  assert.is(statusOf(await p), 200)
  assert.equal(seen, ['answered'])
})

done('a response that works on is done when it ended, once, even when its finalizers ran twice', async () => {
  for (const [name, res] of workingOn()) {
    for (const inner of [() => res, () => Promise.resolve(res)]) {
      const seen: Done[] = []
      const out = await whenDone(inner, req, (d) => seen.push(d))
      assert.equal(seen, [], name)
      runFinalizers(out, 'aborted')
      runFinalizers(out, 'finished')
      assert.equal(seen, ['aborted'], name)
    }
  }
})

done('a throw or a rejection is done at once with defect, and the defect goes on', async () => {
  for (const inner of [throwing, rejecting]) {
    const seen: Done[] = []
    assert.is(await outcome(() => whenDone(inner, req, (d) => seen.push(d))), boom)
    assert.equal(seen, ['defect'])
  }
})

done('an onDone that throws is a defect, on either path', async () => {
  const failing = (): void => {
    throw boom
  }
  for (const inner of [() => text(200, 'ok'), () => Promise.resolve(text(200, 'ok'))]) {
    assert.is(await outcome(() => whenDone(inner, req, failing)), boom)
  }
})

const ended = suite('whenEnded')

ended('reports a response when it ended on the wire, with how it ended, not when it was answered', async () => {
  for (const inner of [() => text(200, 'ok'), () => Promise.resolve(text(200, 'ok'))]) {
    const seen: Array<[number | undefined, Ended | 'defect']> = []
    const out = await whenEnded(inner, req, (res, e) => seen.push([res === undefined ? undefined : statusOf(res), e]))
    assert.equal(seen, [])
    runFinalizers(out, 'discarded')
    assert.equal(seen, [[200, 'discarded']])
  }
})

ended('reports a defect at once, without a response, and passes it on', async () => {
  for (const inner of [throwing, rejecting]) {
    const seen: Array<Ended | 'defect'> = []
    assert.is(await outcome(() => whenEnded(inner, req, (_, e) => seen.push(e))), boom)
    assert.equal(seen, ['defect'])
  }
})

const settled = suite('settle')

settled('watches a response given at once in the same turn, a promise when it settled', async () => {
  const seen: unknown[] = []
  const res = text(200, 'ok')
  settle(
    res,
    (r) => seen.push(r),
    (e) => seen.push(e),
  )
  assert.equal(seen, [res])
  settle(
    Promise.reject(boom),
    (r) => seen.push(r),
    (e) => seen.push(e),
  )
  await Promise.resolve()
  assert.equal(seen, [res, boom])
})

const sameWay = suite('the exit protocol, whichever way a handler answers')

type Kind = 'complete' | 'stream' | 'defect'

/** A handler that answers `kind` at once (`sync`) or later; a defect is a throw or a rejection. */
const answering = (kind: Kind, sync: boolean): Handler => {
  if (kind === 'defect') return sync ? throwing : rejecting
  const res = (): Response => (kind === 'complete' ? text(200, 'ok') : stream(200, chunksOf('a')))
  return sync ? () => res() : async () => res()
}

/** What a chain of `whenDone`, `whenEnded` and `mapResponse` layers reports, and what it answers. */
const trace = async (kind: Kind, sync: boolean, layers: ReadonlyArray<0 | 1 | 2>, ending: Ended): Promise<unknown> => {
  const seen: string[] = []
  const wrap = (next: Handler, layer: 0 | 1 | 2, i: number): Handler =>
    layer === 0
      ? (r) => whenDone(next, r, (d) => seen.push(`done${i}:${d}`))
      : layer === 1
        ? (r) => whenEnded(next, r, (_, e) => seen.push(`ended${i}:${e}`))
        : mapResponse(setHeader(`x-${i}`, 'y'))(next)
  const h = layers.reduce(wrap, answering(kind, sync))
  const out = await outcome(() => h(req))
  const answered = out === boom ? 'defect' : [statusOf(out as Response), Object.keys((out as Response).headers).sort()]
  seen.push('answered')
  if (out !== boom) runFinalizers(out as Response, ending)
  return { answered, seen }
}

sameWay('releases, reports and answers the same for a response given at once and one that comes later', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom<Kind>('complete', 'stream', 'defect'),
      fc.array(fc.constantFrom<0 | 1 | 2>(0, 1, 2), { maxLength: 6 }),
      fc.constantFrom<Ended>('finished', 'aborted', 'discarded'),
      async (kind, layers, ending) => {
        assert.equal(await trace(kind, true, layers, ending), await trace(kind, false, layers, ending))
      },
    ),
  )
})

exits.run()
mapped.run()
done.run()
ended.run()
settled.run()
sameWay.run()
