import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { applyValues } from '../../../src/config/options/apply-values.js'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'

const apply = suite('applyValues')

apply('no values: the defaults', () => {
  assert.equal(applyValues({}), E.right(serveOptionsDefaults))
})

apply('sets fields by dotted path and keeps their neighbours', () => {
  const r = applyValues({ 'secureServing.bindPort': 8443, 'secureServing.certFile': 'a.crt', 'audit.logPath': '-' })
  if (E.isLeft(r)) return assert.unreachable(JSON.stringify(r.left))
  assert.equal(r.right.secureServing, { ...serveOptionsDefaults.secureServing, bindPort: 8443, certFile: 'a.crt' })
  assert.equal(r.right.audit, { ...serveOptionsDefaults.audit, logPath: '-' })
  assert.equal(r.right.serverRun, serveOptionsDefaults.serverRun)
})

apply('a path that names no option is a problem naming it', () => {
  assert.equal(
    applyValues({ 'secureServing.port': 1, 'nope.x': 1, 'logs.verbosity.deep': 1 }),
    E.left([
      { path: 'secureServing.port', message: 'unknown option' },
      { path: 'nope.x', message: 'unknown option' },
      { path: 'logs.verbosity.deep', message: 'unknown option' },
    ]),
  )
})

apply('a value of the wrong type is a problem naming the field', () => {
  const r = applyValues({ 'secureServing.bindPort': 'x' })
  assert.ok(E.isLeft(r))
  if (E.isRight(r)) return
  assert.equal(
    r.left.map((p) => p.path),
    ['secureServing.bindPort'],
  )
  assert.ok(r.left[0]?.message.endsWith('got "x"'))
})

apply.run()
