import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { dropLogIntervalMs, dropReporter } from '../../src/audit/drop-reporter.js'
import { fakeClock, recordingLogger } from '../../src/core/index.js'
import { sampleEvent } from './fixtures.js'

const setup = () => {
  const clock = fakeClock(0)
  const logger = recordingLogger()
  return { clock, logger, r: dropReporter('audit buffer queue blocked', 'buffered<log>', { clock, log: logger.log }) }
}

const Drops = suite('dropReporter')

Drops('logs the first loss at once with its backend, counts, event and error', () => {
  const { r, logger } = setup()
  const boom = new Error('disk full')
  r.drop([sampleEvent('a'), sampleEvent('b')], boom)
  assert.equal(logger.entries, [
    {
      level: 'error',
      msg: 'audit buffer queue blocked',
      fields: { backend: 'buffered<log>', dropped: 2, droppedTotal: 2, auditID: 'a', stage: 'ResponseComplete' },
      error: boom,
    },
  ])
  assert.is(r.count(), 2)
})

Drops('sums later losses into one line per interval, with the first of them and its error', () => {
  const { r, logger, clock } = setup()
  r.drop([sampleEvent('a')])
  r.drop([sampleEvent('b')], 'first cause')
  r.drop([sampleEvent('c')], 'second cause')
  assert.is(logger.entries.length, 1)
  assert.is(clock.pending(), 1, 'one timer for the pending line, not one per drop')
  clock.advance(dropLogIntervalMs)
  assert.equal(logger.entries[1]?.fields, {
    backend: 'buffered<log>',
    dropped: 2,
    droppedTotal: 3,
    auditID: 'b',
    stage: 'ResponseComplete',
  })
  assert.is(logger.entries[1]?.error, 'first cause')
  clock.advance(10 * dropLogIntervalMs)
  assert.is(logger.entries.length, 2, 'no line without a loss')
})

Drops('flush logs the pending losses at once and cancels the timer; a second flush logs nothing', () => {
  const { r, logger, clock } = setup()
  r.drop([sampleEvent('a')])
  r.drop([sampleEvent('b')])
  r.flush()
  assert.equal(
    logger.entries.map((e) => e.fields?.['dropped']),
    [1, 1],
  )
  assert.is(clock.pending(), 0)
  r.flush()
  assert.is(logger.entries.length, 2)
  assert.is(r.count(), 2)
})

Drops.run()
