import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { flagProblem } from '../../../src/config/options/flag-problem.js'

const fp = suite('flagProblem')

fp('puts the flag, with its dashes, in the path', () => {
  assert.equal(flagProblem('secure-port', 'bad'), { path: '--secure-port', message: 'bad' })
})

fp.run()
