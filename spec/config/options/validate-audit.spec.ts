import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'
import { validateAudit } from '../../../src/config/options/validate-audit.js'

const d = serveOptionsDefaults.audit
const v = suite('validateAudit')

v('without a log path nothing is checked, as upstream', () => {
  assert.equal(validateAudit({ ...d, logMode: 'nope', logMaxSize: -1 }), [])
})

v('every known mode is valid with a log path', () => {
  for (const logMode of ['batch', 'blocking', 'blocking-strict']) assert.equal(validateAudit({ ...d, logPath: '-', logMode }), [], logMode)
})

v("an unknown mode and negative rotation values, all at once, with upstream's messages", () => {
  assert.equal(validateAudit({ ...d, logPath: '/var/log/audit.log', logMode: 'async', logMaxAge: -1, logMaxBackups: -2, logMaxSize: -3 }), [
    { path: '--audit-log-mode', message: 'invalid audit log mode async, allowed modes are "batch,blocking,blocking-strict"' },
    { path: '--audit-log-maxage', message: "--audit-log-maxage -1 can't be a negative number" },
    { path: '--audit-log-maxbackup', message: "--audit-log-maxbackup -2 can't be a negative number" },
    { path: '--audit-log-maxsize', message: "--audit-log-maxsize -3 can't be a negative number" },
  ])
})

v("batch mode: a buffer and batch size that are not positive, with upstream's messages", () => {
  const bad = { ...d, logPath: '-', logBatchBufferSize: 0, logBatchMaxSize: -1, logBatchThrottleQPS: 0, logBatchThrottleBurst: 0 }
  assert.equal(validateAudit({ ...bad, logMode: 'batch' }), [
    { path: '--audit-log-batch-buffer-size', message: 'invalid audit batch log buffer size 0, must be a positive number' },
    { path: '--audit-log-batch-max-size', message: 'invalid audit batch log max batch size -1, must be a positive number' },
  ])
  assert.equal(validateAudit({ ...bad, logMode: 'blocking' }), [], 'the batch values are unused, so unchecked, in other modes')
  assert.equal(validateAudit({ ...bad, logMode: 'batch', logPath: '' }), [], 'nor without a log path')
})

v('batch mode with the throttle on: a QPS and burst that are not positive', () => {
  const throttled = { ...d, logPath: '-', logMode: 'batch', logBatchThrottleEnable: true }
  assert.equal(validateAudit({ ...throttled, logBatchThrottleQPS: -0.5, logBatchThrottleBurst: 0 }), [
    { path: '--audit-log-batch-throttle-qps', message: 'invalid audit batch log throttle QPS -0.5, must be a positive number' },
    { path: '--audit-log-batch-throttle-burst', message: 'invalid audit batch log throttle burst 0, must be a positive number' },
  ])
  assert.equal(validateAudit({ ...throttled, logBatchThrottleQPS: 0.5, logBatchThrottleBurst: 1 }), [])
})

v('the log batch defaults are valid in batch mode', () => {
  assert.equal(validateAudit({ ...d, logPath: '-', logMode: 'batch' }), [])
})

v.run()
