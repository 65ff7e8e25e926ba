import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { recordingLogger, silentLogger } from '../../src/core/index.js'

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
