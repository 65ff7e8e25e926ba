import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatPolicyError, loadPolicy, parsePolicy } from '../../src/audit/load-policy.js'

const problemsOf = (text: string): ReadonlyArray<string> => {
  const r = parsePolicy(text)
  if (E.isRight(r)) throw new Error('expected a failure')
  return r.left.problems
}

const Parse = suite('parsePolicy')

Parse('reads a YAML policy with every rule field', () => {
  const r = parsePolicy(`apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    users: ["system:kube-proxy"]
    verbs: ["watch"]
    resources:
      - group: ""
        resources: ["endpoints", "services", "pods/log"]
        resourceNames: ["x"]
  - level: Metadata
    nonResourceURLs: ["/healthz*"]
    omitStages: [ResponseStarted]
  - level: RequestResponse
    userGroups: ["system:masters"]
    namespaces: ["kube-system", ""]
    omitManagedFields: true
`)
  assert.ok(E.isRight(r))
  if (E.isLeft(r)) return
  assert.is(r.right.rules.length, 3)
  assert.equal(r.right.omitStages, ['RequestReceived'])
  assert.equal(r.right.rules[0]?.resources, [{ group: '', resources: ['endpoints', 'services', 'pods/log'], resourceNames: ['x'] }])
  assert.equal(r.right.rules[1]?.omitStages, ['ResponseStarted'])
  assert.is(r.right.rules[2]?.omitManagedFields, true)
})

Parse('reads the same policy written as JSON', () => {
  const r = parsePolicy('{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"Metadata","verbs":["get"]}]}')
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.equal(r.right.rules, [{ level: 'Metadata', verbs: ['get'] }])
})

Parse('names the rule index and field of a bad level', () => {
  const problems = problemsOf('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n- level: Everything\n')
  assert.equal(problems, ['rules[1].level: expected "None" | "Metadata" | "Request" | "RequestResponse", got "Everything"'])
})

Parse('names a bad stage inside a rule', () => {
  const problems = problemsOf('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  omitStages: [Sometime]\n')
  assert.equal(problems, [
    'rules[0].omitStages[0]: expected "RequestReceived" | "ResponseStarted" | "ResponseComplete" | "Panic", got "Sometime"',
  ])
})

Parse('accepts audit.k8s.io/v1 only', () => {
  const problems = problemsOf('apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n')
  assert.equal(problems, ['apiVersion: expected "audit.k8s.io/v1", got "audit.k8s.io/v1beta1"'])
})

Parse('rejects a policy with 0 rules as upstream', () => {
  assert.equal(problemsOf('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n'), ['loaded illegal policy with 0 rules'])
})

Parse('rejects a rule for both resources and non-resource URLs, and malformed URLs', () => {
  const problems = problemsOf(`apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
  namespaces: [default]
  nonResourceURLs: ["/a"]
- level: Metadata
  nonResourceURLs: ["healthz", "/a*/b"]
- level: Metadata
  resources: [{group: "", resources: ["*"], resourceNames: ["x"]}]
`)
  assert.equal(problems, [
    'rules[0].nonResourceURLs: rules cannot apply to both regular resources and non-resource URLs',
    `rules[1].nonResourceURLs[0]: non-resource URL rules must begin with a '/' character, got "healthz"`,
    `rules[1].nonResourceURLs[1]: non-resource URL wildcards '*' must be the final character of the rule, got "/a*/b"`,
    'rules[2].resources[0].resourceNames: using resource names with wildcard resources is not supported',
  ])
})

Parse('rejects empty text, several documents and broken YAML', () => {
  assert.equal(problemsOf(''), ['expected one Policy document, got none'])
  assert.equal(problemsOf('kind: Policy\n---\nkind: Policy\n'), ['expected one Policy document, got 2'])
  assert.match(problemsOf('rules: [\n')[0] ?? '', /^invalid YAML or JSON: /)
})

Parse('a YAML syntax error is one line naming its line and column, without the source excerpt', () => {
  assert.equal(problemsOf('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: [Metadata\n  foo: bar\n'), [
    'invalid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ] at line 5, column 3',
  ])
})

Parse('never throws on any text', () => {
  fc.assert(
    fc.property(fc.string(), (s) => void parsePolicy(s)),
    { numRuns: 300 },
  )
})

const Load = suite('loadPolicy')

Load('reads a policy file and reports a missing one naming the path', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-policy-'))
  try {
    const file = path.join(dir, 'policy.yaml')
    fs.writeFileSync(file, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Request\n')
    const ok = await loadPolicy(file)()
    assert.ok(E.isRight(ok) && ok.right.rules[0]?.level === 'Request')
    const missing = await loadPolicy(path.join(dir, 'nope.yaml'))()
    assert.ok(E.isLeft(missing))
    if (E.isLeft(missing)) assert.match(formatPolicyError(missing.left), `${path.join(dir, 'nope.yaml')}: failed to read file: ENOENT`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

const Format = suite('formatPolicyError')

Format('prefixes every problem with the source, one a line', () => {
  assert.is(formatPolicyError({ _tag: 'PolicyError', source: 'p.yaml', problems: ['a', 'b'] }), 'p.yaml: a\np.yaml: b')
})

Parse.run()
Load.run()
Format.run()
