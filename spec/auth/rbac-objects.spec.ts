import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeRbacDocument } from '../../src/auth/rbac-objects.js'

const V = 'rbac.authorization.k8s.io/v1'
const s = suite('decodeRbacDocument')

s('decodes each of the four kinds', () => {
  const docs = [
    {
      apiVersion: V,
      kind: 'Role',
      metadata: { name: 'r', namespace: 'ns' },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    },
    { apiVersion: V, kind: 'ClusterRole', metadata: { name: 'c' }, rules: null },
    {
      apiVersion: V,
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'ns' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'bob' }],
    },
    {
      apiVersion: V,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'cb' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'c' },
    },
  ]
  for (const d of docs)
    assert.equal(E.map((xs: ReadonlyArray<{ kind: string }>) => xs.map((x) => x.kind))(decodeRbacDocument(d, 'f[0]')), E.right([d.kind]))
})

s('flattens a v1 List and typed lists', () => {
  const item = { apiVersion: V, kind: 'ClusterRole', metadata: { name: 'c' } }
  const list = decodeRbacDocument({ apiVersion: 'v1', kind: 'List', items: [item, item] }, 'f[0]')
  assert.is(E.isRight(list) && list.right.length, 2)
  const typed = decodeRbacDocument({ apiVersion: V, kind: 'ClusterRoleList', items: [item, { ...item, kind: 'Role' }] }, 'f[0]')
  assert.equal(typed, E.left([{ path: 'f[0].items[1]', message: 'expected kind ClusterRole, got "Role"' }]))
})

s('refuses unknown kinds and apiVersions, naming the document and kind', () => {
  const pod = decodeRbacDocument({ apiVersion: 'v1', kind: 'Pod' }, 'rbac.yaml[3]')
  assert.ok(E.isLeft(pod))
  assert.is(E.isLeft(pod) && pod.left[0]?.path, 'rbac.yaml[3]')
  assert.match(
    E.isLeft(pod) ? (pod.left[0]?.message ?? '') : '',
    /^unknown kind "Pod" of apiVersion "v1", expected rbac\.authorization\.k8s\.io\/v1 Role/,
  )
  const beta = decodeRbacDocument({ apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'Role' }, 'x[0]')
  assert.match(E.isLeft(beta) ? (beta.left[0]?.message ?? '') : '', /apiVersion "rbac.authorization.k8s.io\/v1beta1"/)
  assert.equal(decodeRbacDocument('text', 'x[1]'), E.left([{ path: 'x[1]', message: 'expected an object, got "text"' }]))
})

s('reports field paths of bad fields', () => {
  const bad = decodeRbacDocument(
    { apiVersion: V, kind: 'ClusterRole', metadata: { name: 'c' }, rules: [{ verbs: ['get'] }, { verbs: 'get' }] },
    'f[0]',
  )
  assert.equal(bad, E.left([{ path: 'f[0] (ClusterRole).rules[1].verbs', message: 'expected ReadonlyArray<string>, got "get"' }]))
  const subject = decodeRbacDocument(
    {
      apiVersion: V,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'x', kind: 'ClusterRole', name: 'c' },
      subjects: [{ kind: 'Robot', name: 'r' }],
    },
    'f[2]',
  )
  assert.equal(
    subject,
    E.left([{ path: 'f[2] (ClusterRoleBinding).subjects[0].kind', message: 'expected "User" | "Group" | "ServiceAccount", got "Robot"' }]),
  )
  const meta = decodeRbacDocument({ apiVersion: V, kind: 'Role', metadata: { name: 'r' } }, 'f[0]')
  assert.equal(meta, E.left([{ path: 'f[0] (Role).metadata.namespace', message: 'expected string, got nothing' }]))
})

s.run()
