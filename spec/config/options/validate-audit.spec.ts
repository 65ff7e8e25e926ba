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

v('an unknown mode and negative rotation values, all at once, with upstream\'s messages', () => {
  assert.equal(validateAudit({ ...d, logPath: '/var/log/audit.log', logMode: 'async', logMaxAge: -1, logMaxBackups: -2, logMaxSize: -3 }), [
    { path: '--audit-log-mode', message: 'invalid audit log mode async, allowed modes are "batch,blocking,blocking-strict"' },
    { path: '--audit-log-maxage', message: "--audit-log-maxage -1 can't be a negative number" },
    { path: '--audit-log-maxbackup', message: "--audit-log-maxbackup -2 can't be a negative number" },
    { path: '--audit-log-maxsize', message: "--audit-log-maxsize -3 can't be a negative number" },
  ])
})

v.run()
