import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { Level, Policy, Stage, levelRank } from '../../src/audit/policy.js'

const Codec = suite('Policy')

Codec('decodes a minimal policy and refuses a rule without a level', () => {
  assert.ok(E.isRight(Policy.decode({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'None' }] })))
  assert.ok(E.isLeft(Policy.decode({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ users: ['a'] }] })))
  assert.ok(E.isLeft(Policy.decode({ apiVersion: 'audit.k8s.io/v1', kind: 'Role', rules: [] })))
})

Codec('levels and stages are upstream names only', () => {
  assert.ok(E.isRight(Level.decode('RequestResponse')))
  assert.ok(E.isLeft(Level.decode('requestresponse')))
  assert.ok(E.isRight(Stage.decode('Panic')))
  assert.ok(E.isLeft(Stage.decode('ResponseEnded')))
})

const Rank = suite('levelRank')

Rank('orders None < Metadata < Request < RequestResponse', () => {
  assert.ok(levelRank.None < levelRank.Metadata && levelRank.Metadata < levelRank.Request && levelRank.Request < levelRank.RequestResponse)
})

Codec.run()
Rank.run()
