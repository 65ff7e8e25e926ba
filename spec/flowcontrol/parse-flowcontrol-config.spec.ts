import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatProblems } from '../../src/config/problems.js'
import { parseFlowcontrolConfig } from '../../src/flowcontrol/parse-flowcontrol-config.js'
import { flowSchemaDoc, levelDoc } from './fixtures.js'

const lines = (text: string): string => {
  const r = parseFlowcontrolConfig(text, '/etc/apf.yaml')
  return E.isLeft(r) ? formatProblems(r.left) : 'ok'
}

const parse = suite('parseFlowcontrolConfig')

parse('reads several YAML documents, replacing and adding by name', () => {
  const text = `
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata:
  name: team
spec:
  type: Limited
  limited:
    nominalConcurrencyShares: 10
    limitResponse:
      type: Reject
---
# an empty document is skipped
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata:
  name: global-default
spec:
  priorityLevelConfiguration:
    name: team
  matchingPrecedence: 9900
  rules:
  - subjects: [{kind: Group, group: {name: system:authenticated}}]
    nonResourceRules: [{verbs: ['*'], nonResourceURLs: ['*']}]
`
  const r = parseFlowcontrolConfig(text, 'apf.yaml')
  assert.ok(E.isRight(r), JSON.stringify(r))
  if (E.isLeft(r)) return
  assert.is(r.right.priorityLevels.length, 9)
  assert.is(r.right.priorityLevels[8]?.metadata.name, 'team')
  assert.is(r.right.flowSchemas.length, 11)
  assert.is(r.right.flowSchemas.find((fs) => fs.metadata.name === 'global-default')?.spec.priorityLevelConfiguration.name, 'team')
})

parse('reads JSON, a v1 List included', () => {
  const r = parseFlowcontrolConfig(
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [levelDoc('a'), flowSchemaDoc('b')] }),
    'apf.json',
  )
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.equal([r.right.priorityLevels.at(-1)?.metadata.name, r.right.flowSchemas.at(-1)?.metadata.name], ['a', 'b'])
})

parse('an empty file is the bootstrap configuration', () => {
  const r = parseFlowcontrolConfig('', 'apf.yaml')
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.is(r.right.flowSchemas.length, 11)
})

parse('every problem is one line naming the flag, the file, the document and the field', () => {
  const text = [JSON.stringify(flowSchemaDoc('a', { matchingPrecedence: 20000 })), JSON.stringify(levelDoc('b', { bogus: 1 }))].join(
    '\n---\n',
  )
  assert.is(
    lines(text),
    [
      '--flowcontrol-config-file /etc/apf.yaml: document 1 (FlowSchema "a").spec.matchingPrecedence: must not be greater than 10000, got 20000',
      '--flowcontrol-config-file /etc/apf.yaml: document 2 (PriorityLevelConfiguration "b").spec.limited.bogus: unknown field',
    ].join('\n'),
  )
})

parse('YAML syntax errors name the document and the line', () => {
  assert.is(
    lines('kind: FlowSchema\nmetadata: {name: a\n'),
    '--flowcontrol-config-file /etc/apf.yaml: document 1: invalid YAML or JSON: Flow map in block collection must be sufficiently indented and end with a } at line 3, column 1',
  )
})

parse('replacing a mandatory object is a problem; duplicates across documents are too', () => {
  const catchAll = levelDoc('catch-all', { limitResponse: { type: 'Reject' } })
  assert.is(
    lines([JSON.stringify(catchAll), JSON.stringify(flowSchemaDoc('x')), JSON.stringify(flowSchemaDoc('x'))].join('\n---\n')),
    [
      `--flowcontrol-config-file /etc/apf.yaml: document 1 (PriorityLevelConfiguration "catch-all").spec: spec of 'catch-all' must equal the fixed value`,
      '--flowcontrol-config-file /etc/apf.yaml: document 3 (FlowSchema "x"): duplicate FlowSchema "x": also given at document 2',
    ].join('\n'),
  )
})

parse.run()
