import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type AdminTokenInput, adminTokenPlan } from '../../src/cli/admin-token-plan.js'

const base: AdminTokenInput = {
  cli: { writeKubeconfig: '', adminTokenFile: '' },
  tokenAuthFile: '',
  certDir: 'certs',
  certDirChecked: true,
  terminal: false,
}
const plan = (o: Partial<AdminTokenInput>) => adminTokenPlan({ ...base, ...o })

const rules = suite('adminTokenPlan')

rules('not a terminal: a file under --cert-dir; a terminal: printed', () => {
  assert.equal(plan({}), E.right({ file: 'certs/admin-token', print: false }))
  assert.equal(plan({ terminal: true }), E.right({ file: undefined, print: true }))
})

rules('--admin-token-file wins, on a terminal too; --write-kubeconfig alone keeps it there only', () => {
  const cli = { writeKubeconfig: 'kc', adminTokenFile: '/tmp/kubechain-plan-spec/token' }
  assert.equal(plan({ cli, terminal: true }), E.right({ file: '/tmp/kubechain-plan-spec/token', print: false }))
  assert.equal(plan({ cli: { writeKubeconfig: 'kc', adminTokenFile: '' } }), E.right({ file: undefined, print: false }))
})

rules('no token is generated with --token-auth-file', () => {
  assert.equal(plan({ tokenAuthFile: 'tokens.csv', terminal: true }), E.right({ file: undefined, print: false }))
})

rules('an unchecked --cert-dir that cannot hold the file is named; an empty one with no other place is a problem', () => {
  const r = plan({ certDir: '/dev/null/certs', certDirChecked: false })
  assert.ok(E.isLeft(r) && r.left[0]?.path === '--cert-dir /dev/null/certs/admin-token', JSON.stringify(r))
  const none = plan({ certDir: '' })
  assert.ok(E.isLeft(none) && none.left[0]?.path === '--admin-token-file', JSON.stringify(none))
})

rules.run()
