import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { describe } from '../../src/chains/index.js'
import { identity, step } from '../../src/core/index.js'

const describeSuite = suite('describe')

describeSuite('lists steps in run order as JSON-able data', () => {
  const chain = [
    step('request-info', identity, { provides: ['RequestInfo'] }),
    step('authorization', identity, { needs: ['RequestInfo'], outside: [] }),
  ]
  const d = describe(chain)
  assert.equal(JSON.parse(JSON.stringify(d)), [
    { name: 'request-info', needs: [], provides: ['RequestInfo'], inside: [], outside: [] },
    { name: 'authorization', needs: ['RequestInfo'], provides: [], inside: [], outside: [] },
  ])
})

describeSuite.run()
