import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type LogEntry, klogJsonLine } from '../../src/core/index.js'

const json = suite('klogJsonLine')

const meta = { now: 1765069323456.789, pid: 7, caller: 'filters/with-http-logging.ts:48' }

json('writes ts (epoch milliseconds from the clock), caller, msg, v, then the fields in order', () => {
  const line = klogJsonLine({ level: 'info', v: 3, msg: 'HTTP', fields: { verb: 'GET', URI: '/api?x=<', resp: 200 } }, meta)
  assert.is(
    line,
    '{"ts":1765069323456.789,"caller":"filters/with-http-logging.ts:48","msg":"HTTP","v":3,"verb":"GET","URI":"/api?x=\\u003c","resp":200}\n',
  )
})

json('info defaults to v 0 and debug to v 4; warnings are v 0 lines', () => {
  const v = (e: LogEntry): unknown => (JSON.parse(klogJsonLine(e, meta)) as { v?: number }).v
  assert.equal(
    [
      v({ level: 'info', msg: 'm' }),
      v({ level: 'debug', msg: 'm' }),
      v({ level: 'warn', msg: 'm' }),
      v({ level: 'debug', v: 5, msg: 'm' }),
    ],
    [0, 4, 0, 5],
  )
})

json('an error entry has no v and ends with err, the error message', () => {
  const line = klogJsonLine({ level: 'error', msg: "apiserver panic'd", fields: { method: 'GET' }, error: new Error('boom') }, meta)
  assert.is(
    line,
    `{"ts":1765069323456.789,"caller":"filters/with-http-logging.ts:48","msg":"apiserver panic'd","method":"GET","err":"boom"}\n`,
  )
})

json('any message and fields give exactly one line that JSON.parse reads back', () => {
  const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()))
  fc.assert(
    fc.property(
      fc.constantFrom<LogEntry['level']>('error', 'warn', 'info', 'debug'),
      fc.string(),
      fc.dictionary(
        fc.string().filter((k) => !['ts', 'caller', 'msg', 'v', 'err'].includes(k)),
        value,
      ),
      fc.double({ min: 0, max: 4102444800000, noNaN: true }),
      (level, msg, fields, now) => {
        const line = klogJsonLine({ level, msg, fields }, { ...meta, now })
        assert.is(line.indexOf('\n'), line.length - 1)
        const parsed = JSON.parse(line) as Record<string, unknown>
        assert.equal(parsed, {
          ts: now,
          caller: meta.caller,
          msg,
          ...(level === 'error' ? {} : { v: level === 'debug' ? 4 : 0 }),
          ...fields,
        })
      },
    ),
    { numRuns: 300 },
  )
})

json.run()
