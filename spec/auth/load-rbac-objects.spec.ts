import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatProblems } from '../../src/config/problems.js'
import { loadRbacObjects, mergeRbacObjects, parseRbacObjects } from '../../src/auth/load-rbac-objects.js'
import { noRbacObjects } from '../../src/auth/rbac-objects.js'

const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: reader }
rules:
- { verbs: [get, list], apiGroups: [""], resources: [pods] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: b, namespace: ns1 }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader }
subjects: [{ kind: User, name: bob }]
---
`
const problemsOf = (text: string): string => {
  const r = parseRbacObjects(text, 'rbac.yaml')
  return E.isLeft(r) ? formatProblems(r.left.problems) : 'ok'
}

const parse = suite('parseRbacObjects')
parse('reads several YAML documents, skipping empty ones', () => {
  const r = parseRbacObjects(yaml, 'rbac.yaml')
  assert.ok(E.isRight(r))
  if (E.isRight(r)) {
    assert.equal(
      r.right.clusterRoles.map((x) => x.metadata.name),
      ['reader'],
    )
    assert.equal(
      r.right.roleBindings.map((x) => x.metadata.namespace),
      ['ns1'],
    )
  }
})
parse('reads JSON', () => {
  const r = parseRbacObjects(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'c' } }],
    }),
  )
  assert.is(E.isRight(r) && r.right.clusterRoles.length, 1)
})
parse('reports every bad document with its index and field', () => {
  const text = `${yaml}apiVersion: v1\nkind: Pod\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: r, namespace: ns }\nrules: [{ verbs: [], nonResourceURLs: [/x] }]\n`
  assert.is(
    problemsOf(text),
    [
      'rbac.yaml[2]: unknown kind "Pod" of apiVersion "v1", expected rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding or their lists, or a v1 List',
      'rbac.yaml[3] (Role "r").rules[0].nonResourceURLs: namespaced rules cannot apply to non-resource URLs',
      'rbac.yaml[3] (Role "r").rules[0].verbs: verbs must contain at least one value',
    ].join('\n'),
  )
})
parse('checks rules, role references and subjects as upstream validation does', () => {
  const doc = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: "" }
roleRef: { apiGroup: wrong, kind: Role, name: x }
subjects: [{ kind: ServiceAccount, name: sa }, { kind: User, name: u, apiGroup: v1 }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: c }
rules: [{ verbs: [get] }, { verbs: [get], resources: [pods], nonResourceURLs: [/x] }]
`
  assert.is(
    problemsOf(doc),
    [
      'rbac.yaml[0] (ClusterRoleBinding "").metadata.name: name is required',
      'rbac.yaml[0] (ClusterRoleBinding "").roleRef.apiGroup: expected "rbac.authorization.k8s.io", got "wrong"',
      'rbac.yaml[0] (ClusterRoleBinding "").roleRef.kind: a ClusterRoleBinding can only refer to a ClusterRole, got "Role"',
      'rbac.yaml[0] (ClusterRoleBinding "").subjects[0].namespace: a ServiceAccount subject of a ClusterRoleBinding needs a namespace',
      'rbac.yaml[0] (ClusterRoleBinding "").subjects[1].apiGroup: expected "rbac.authorization.k8s.io" for a User, got "v1"',
      'rbac.yaml[1] (ClusterRole "c").rules[0].apiGroups: resource rules must supply at least one api group',
      'rbac.yaml[1] (ClusterRole "c").rules[0].resources: resource rules must supply at least one resource',
      'rbac.yaml[1] (ClusterRole "c").rules[1].nonResourceURLs: rules cannot apply to both regular resources and non-resource URLs',
    ].join('\n'),
  )
})
parse('reports YAML syntax errors with the document index', () => {
  assert.match(problemsOf('kind: [unclosed'), /^rbac\.yaml\[0\]: invalid YAML or JSON: /)
})
parse('a YAML syntax error is one line naming its line and column, without the source excerpt', () => {
  const lines = problemsOf('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n  metadata: {\n').split('\n')
  assert.ok(
    lines.length > 0 && lines.every((l) => /^rbac\.yaml\[0\]: invalid YAML or JSON: .* at line \d+, column \d+$/.test(l)),
    lines.join('\n'),
  )
})
parse('never throws on arbitrary text (property)', () => {
  fc.assert(
    fc.property(fc.string(), (text) => (parseRbacObjects(text), true)),
    { numRuns: 300 },
  )
})

const load = suite('loadRbacObjects')
load('reads files in order and reports problems of every file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-'))
  try {
    fs.writeFileSync(path.join(dir, 'a.yaml'), yaml)
    fs.writeFileSync(path.join(dir, 'b.yaml'), yaml.replace('name: reader }', 'name: other }'))
    const ok = await loadRbacObjects([path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')])()
    assert.equal(E.map((o: typeof noRbacObjects) => o.clusterRoles.map((r) => r.metadata.name))(ok), E.right(['reader', 'other']))
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Secret\n')
    const bad = await loadRbacObjects([path.join(dir, 'bad.yaml'), path.join(dir, 'missing.yaml')])()
    assert.ok(E.isLeft(bad))
    const lines = E.isLeft(bad) ? formatProblems(bad.left.problems).split('\n') : []
    assert.is(lines.length, 2)
    assert.match(lines.join('\n'), /bad\.yaml\[0\]: unknown kind "Secret"/)
    assert.match(lines.join('\n'), /missing\.yaml: failed to read file: ENOENT/)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
load.run()

const merge = suite('mergeRbacObjects')
merge('concatenates in order', () => {
  const a = { ...noRbacObjects, clusterRoles: [{ kind: 'ClusterRole' as const, metadata: { name: 'a' } }] }
  const b = { ...noRbacObjects, clusterRoles: [{ kind: 'ClusterRole' as const, metadata: { name: 'b' } }] }
  assert.equal(
    mergeRbacObjects(a, b).clusterRoles.map((r) => r.metadata.name),
    ['a', 'b'],
  )
})

parse.run()
merge.run()
