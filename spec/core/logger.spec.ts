import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { recordingLogger, silentLogger, stderrLogger } from '../../src/core/index.js'

const logger = suite('loggers')

logger('recordingLogger keeps entries in order', () => {
  const { log, entries } = recordingLogger()
  log({ level: 'info', msg: 'a' })
  log({ level: 'error', msg: 'b', fields: { auditID: 'x' } })
  assert.equal(entries, [
    { level: 'info', msg: 'a' },
    { level: 'error', msg: 'b', fields: { auditID: 'x' } },
  ])
  assert.is(silentLogger({ level: 'info', msg: 'c' }), undefined)
})

logger.run()

const stderr = suite('stderrLogger')

stderr('writes klog text lines to stderr at verbosity 0, naming its caller; debug entries stay out', () => {
  const written: string[] = []
  const original = process.stderr.write
  process.stderr.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stderr.write
  try {
    stderrLogger({ level: 'debug', msg: 'hidden' })
    stderrLogger({ level: 'warn', msg: 'shown', fields: { k: 'v' } })
  } finally {
    process.stderr.write = original
  }
  assert.is(written.length, 1)
  assert.match(written[0]!, /^W\d{4} \d{2}:\d{2}:\d{2}\.\d{6} [ \d]{7} core\/logger\.spec\.ts:\d+\] "shown" k="v"\n$/)
})

stderr.run()
