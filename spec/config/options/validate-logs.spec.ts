import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'
import { validateLogs } from '../../../src/config/options/validate-logs.js'

const v = suite('validateLogs')

v('the defaults (text at -v=0) and json are valid', () => {
  assert.is(serveOptionsDefaults.logs.format, 'text')
  assert.equal(validateLogs(serveOptionsDefaults.logs), [])
  assert.equal(validateLogs({ verbosity: 10, format: 'json' }), [])
})

v("an unknown format is upstream's Unsupported log format", () => {
  assert.equal(validateLogs({ verbosity: 0, format: 'xml' }), [
    { path: '--logging-format', message: 'format: Invalid value: "xml": Unsupported log format' },
  ])
})

v('a verbosity klog cannot hold is refused: negative (the flag is unsigned) or above int32', () => {
  assert.equal(
    validateLogs({ verbosity: -1, format: 'text' }).map((p) => p.path),
    ['--v'],
  )
  assert.equal(validateLogs({ verbosity: 2 ** 31, format: 'text' }), [
    { path: '--v', message: 'verbosity: Invalid value: 2147483648: Must be <= 2147483647' },
  ])
})

v.run()
