import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { command, usage } from '../../src/cli/command.js'

const cli = suite('command')

cli('--help and no arguments print usage and succeed', () => {
  assert.equal(command(['--help']), { _tag: 'Print', result: { code: 0, stdout: usage, stderr: '' } })
  assert.equal(command([]), { _tag: 'Print', result: { code: 0, stdout: usage, stderr: '' } })
  assert.match(usage, 'kubechain serve')
})

cli('serve hands the rest of the arguments to the server', () => {
  assert.equal(command(['serve', '--secure-port=8443', '-v', '3']), { _tag: 'Serve', argv: ['--secure-port=8443', '-v', '3'] })
})

cli('an unknown command exits 2 and names it', () => {
  const r = command(['frobnicate'])
  assert.ok(r._tag === 'Print')
  if (r._tag !== 'Print') return
  assert.is(r.result.code, 2)
  assert.match(r.result.stderr, 'unknown command "frobnicate"')
})

cli.run()
