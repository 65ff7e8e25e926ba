import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type LogEntry, klogTextLine } from '../../src/core/index.js'

const text = suite('klogTextLine')

/** klog's header: severity, mmdd, hh:mm:ss.uuuuuu, the pid right-aligned in 7 columns, file:line]. */
const header = /^([IWEF])(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6}) ([ \d]{7}) ([^ \]]+:\d+)\] (.*)\n$/s

/** A Go-quoted string or a bare token. */
const token = /^(?:"(?:[^"\\\n]|\\.)*"|[^\s"=]+)/

/** Splits the part after the header into the message and key/value pairs, refusing anything else. */
const body = (rest: string): { msg: string; pairs: Array<[string, string]> } => {
  const m = /^"(?:[^"\\\n]|\\.)*"/.exec(rest)
  assert.ok(m, `message not quoted: ${rest}`)
  const pairs: Array<[string, string]> = []
  let i = m[0].length
  while (i < rest.length) {
    assert.is(rest[i], ' ', `expected a space at ${i} of ${rest}`)
    const k = token.exec(rest.slice(i + 1))
    assert.ok(k, `no key at ${i} of ${rest}`)
    i += 1 + k[0].length
    assert.is(rest[i], '=', `expected = at ${i} of ${rest}`)
    const v = token.exec(rest.slice(i + 1))
    assert.ok(v, `no value at ${i} of ${rest}`)
    pairs.push([k[0], v[0]])
    i += 1 + v[0].length
  }
  return { msg: m[0], pairs }
}

const at = new Date(2026, 11, 7, 1, 2, 3, 456).getTime() + 0.789 // local time, as klog writes it

text('writes the klog header from the given clock, pid and caller, then the quoted message', () => {
  const line = klogTextLine(
    { level: 'info', msg: 'Serving securely on [::]:6443' },
    { now: at, pid: 12345, caller: 'serve/serve-securely.ts:92' },
  )
  assert.is(line, 'I1207 01:02:03.456789   12345 serve/serve-securely.ts:92] "Serving securely on [::]:6443"\n')
})

text('marks errors E and warnings W; debug entries are I like info', () => {
  const meta = { now: at, pid: 1, caller: 'x.ts:1' }
  const first = (level: LogEntry['level']): string => klogTextLine({ level, msg: 'm' }, meta)[0]!
  assert.equal(
    ['error', 'warn', 'info', 'debug'].map((l) => first(l as LogEntry['level'])),
    ['E', 'W', 'I', 'I'],
  )
})

text('writes err first, then the fields in order: strings quoted, numbers and booleans bare, objects as JSON', () => {
  const line = klogTextLine(
    {
      level: 'error',
      msg: 'failed',
      error: new Error('boom "x"'),
      fields: { key: 'value', key2: 3, ok: true, obj: { a: ['<'] }, none: null },
    },
    { now: at, pid: 7, caller: 'a/b.ts:3' },
  )
  assert.is(line.slice(line.indexOf(']') + 2), '"failed" err="boom \\"x\\"" key="value" key2=3 ok=true obj={"a":["\\u003c"]} none=null\n')
})

text('keeps a multi-line message or value on one line, escaped', () => {
  const line = klogTextLine(
    { level: 'debug', msg: 'readyz check failed\n[-]etcd', fields: { 'my key': 'a\nb' } },
    { now: at, pid: 7, caller: 'a/b.ts:3' },
  )
  assert.is(line.split('\n').length, 2)
  assert.ok(line.endsWith('] "readyz check failed\\n[-]etcd" "my key"="a\\nb"\n'), line)
})

text('values JSON cannot hold become klog internal errors, not throws', () => {
  const cyclic: Record<string, unknown> = {}
  cyclic['self'] = cyclic
  const line = klogTextLine(
    { level: 'info', msg: 'm', fields: { nan: Number.NaN, big: 10n, cyclic } },
    { now: at, pid: 7, caller: 'a/b.ts:3' },
  )
  assert.match(line, / nan="<internal error: json: unsupported value: NaN>" big=10 cyclic="<internal error: [^"]*circular/)
})

text('any message and fields give exactly one line with the header and parseable key/value pairs', () => {
  const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }))
  fc.assert(
    fc.property(
      fc.constantFrom<LogEntry['level']>('error', 'warn', 'info', 'debug'),
      fc.string(),
      fc.dictionary(fc.string(), value),
      fc.integer({ min: 0, max: 4102444800000 }),
      (level, msg, fields, ms) => {
        const line = klogTextLine({ level, msg, fields }, { now: ms, pid: 4242, caller: 'core/x.ts:9' })
        assert.is(line.indexOf('\n'), line.length - 1)
        const h = header.exec(line)
        assert.ok(h, line)
        const d = new Date(ms)
        assert.equal(h.slice(2, 8).map(Number), [
          d.getMonth() + 1,
          d.getDate(),
          d.getHours(),
          d.getMinutes(),
          d.getSeconds(),
          d.getMilliseconds() * 1000,
        ])
        assert.is(h[8], '   4242')
        const parsed = body(h[10]!)
        assert.is(parsed.pairs.length, Object.keys(fields).length)
      },
    ),
    { numRuns: 300 },
  )
})

text.run()
