import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { AuditEvent } from '../../src/audit/event.js'
import { lineBuffer } from '../../src/audit/line-buffer.js'
import { sampleEvent } from './fixtures.js'

// An encoder that writes the audit ID as the line, so byte counts are easy to read.
const byId = (e: AuditEvent): string => {
  if (e.auditID === 'bad') throw new Error('cannot encode')
  return e.auditID
}
const events = (...ids: string[]): AuditEvent[] => ids.map((id) => sampleEvent(id))
const text = (buf: Buffer, end: number): string => buf.toString('utf8', 0, end)

const Lines = suite('lineBuffer')

Lines('encodes each event as a line and a newline, UTF-8, and knows where each line ends in bytes', () => {
  const lines = lineBuffer(byId, 1024)
  assert.equal(lines.fill(events('a', 'é😀', 'bc'), 0), { count: 3 })
  assert.equal([...lines.ends], [2, 9, 12])
  assert.is(text(lines.bytes(), 12), 'a\né😀\nbc\n')
})

Lines('starts at `from` and empties itself on each fill', () => {
  const lines = lineBuffer(byId, 1024)
  lines.fill(events('long-line', 'x'), 0)
  assert.equal(lines.fill(events('long-line', 'x', 'y'), 1), { count: 2 })
  assert.equal([...lines.ends], [2, 4])
  assert.is(text(lines.bytes(), 4), 'x\ny\n')
})

Lines('stops before a line that could take it past keepBytes (3 bytes a character), and takes it next time', () => {
  const lines = lineBuffer(byId, 12)
  assert.equal(lines.fill(events('a', 'bbb', 'cc'), 0), { count: 2 }) // 2 + (6 + 1) * 3 fits in 12; 6 + (2 * 3 + 1) does not
  assert.is(text(lines.bytes(), 6), 'a\nbbb\n')
  assert.equal(lines.fill(events('a', 'bbb', 'cc'), 2), { count: 1 })
  assert.is(text(lines.bytes(), 3), 'cc\n')
})

Lines('grows past its first 64 KiB up to keepBytes, keeping what it holds', () => {
  const ids = Array.from({ length: 300 }, (_, i) => String(i).padStart(1000, '.'))
  const lines = lineBuffer(byId, 200 * 1024)
  const { count } = lines.fill(events(...ids), 0)
  assert.ok(count > 100 && count < 300, String(count))
  assert.ok((lines.ends[count - 1] as number) + 3001 > 200 * 1024, 'it stopped only for want of room')
  assert.is(
    text(lines.bytes(), lines.ends[count - 1] as number),
    ids
      .slice(0, count)
      .map((l) => `${l}\n`)
      .join(''),
  )
})

Lines('takes a first line longer than keepBytes whole, in a buffer of its own', () => {
  const lines = lineBuffer(byId, 8)
  const long = 'x'.repeat(100)
  assert.equal(lines.fill(events(long, 'y'), 0), { count: 1 })
  assert.is(text(lines.bytes(), 101), `${long}\n`)
  assert.equal(lines.fill(events(long, 'y'), 1), { count: 1 })
  assert.is(lines.bytes().length <= 8, true, 'the kept buffer is back')
  assert.is(text(lines.bytes(), 2), 'y\n')
})

Lines('an event the encoder cannot encode ends the fill; the lines before it stay', () => {
  const lines = lineBuffer(byId, 1024)
  const r = lines.fill(events('a', 'b', 'bad', 'c'), 0)
  assert.is(r.count, 2)
  assert.match(String(r.error), 'cannot encode')
  assert.is(text(lines.bytes(), lines.ends[1] as number), 'a\nb\n')
})

Lines.run()
