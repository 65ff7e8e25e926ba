import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { command, usage } from '../../src/cli/command.js'

const cli = suite('command')

cli('--help and no arguments print usage and succeed', () => {
  assert.equal(command(['--help']), { code: 0, stdout: usage, stderr: '' })
  assert.equal(command([]), { code: 0, stdout: usage, stderr: '' })
  assert.match(usage, 'kubechain serve')
})

cli('serve says plainly that it is not ready and fails', () => {
  const r = command(['serve'])
  assert.is(r.code, 1)
  assert.match(r.stderr, 'not ready yet')
})

cli('an unknown command exits 2 and names it', () => {
  const r = command(['frobnicate'])
  assert.is(r.code, 2)
  assert.match(r.stderr, 'unknown command "frobnicate"')
})

cli.run()
