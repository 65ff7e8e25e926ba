import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { type Request, get, text } from '../../src/core/index.js'
import { insecureSuperuserStep, userKey, withInsecureSuperuser } from '../../src/auth/index.js'
import { makeRequest, run } from '../support/request.js'

const superuser = suite('withInsecureSuperuser')

superuser('runs every request as system:unsecured in system:masters', async () => {
  let seen: Request | undefined
  await run(
    withInsecureSuperuser((req) => ((seen = req), text(200, 'ok'))),
    makeRequest('/anything'),
  )
  assert.ok(seen)
  assert.equal(
    O.map((u: { name: string; groups: ReadonlyArray<string> }) => [u.name, u.groups])(get(seen!, userKey)),
    O.some(['system:unsecured', ['system:masters', 'system:authenticated']]),
  )
})

superuser('its step is named authentication and provides User', () => {
  const s = insecureSuperuserStep()
  assert.equal([s.name, s.provides], ['authentication', ['User']])
})

superuser.run()
