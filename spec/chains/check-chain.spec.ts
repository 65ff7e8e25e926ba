import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { checkChain, violationMessage } from '../../src/chains/index.js'
import { type Chain, type Step, identity, step } from '../../src/core/index.js'

const check = suite('checkChain')

const info = step('request-info', identity, { provides: ['RequestInfo'] })
const authz = step('authorization', identity, { needs: ['RequestInfo'] })
const timeout = step('timeout', identity)
const warnings = step('warning-recorder', identity, { inside: ['timeout'] })

check('accepts a chain whose rules hold', () => {
  const chain = [info, timeout, warnings, authz]
  assert.equal(checkChain(chain), E.right(chain))
})

check('rejects a reader of RequestInfo outside request-info, naming both', () => {
  const r = checkChain([authz, info])
  assert.equal(r, E.left([{ _tag: 'ProviderInside', step: 'authorization', attribute: 'RequestInfo', provider: 'request-info' }]))
  if (E.isLeft(r))
    assert.match(violationMessage(r.left[0]!), '"authorization" needs RequestInfo, but its provider "request-info" runs inside it')
})

check('rejects a need that nothing provides', () => {
  assert.equal(checkChain([authz]), E.left([{ _tag: 'MissingProvider', step: 'authorization', attribute: 'RequestInfo' }]))
})

check('one provider outside is enough when several provide', () => {
  const impersonation = step('impersonation', identity, { provides: ['User'] })
  const authn = step('authentication', identity, { provides: ['User'] })
  const reader = step('max-in-flight', identity, { needs: ['User'] })
  assert.ok(E.isRight(checkChain([authn, reader, impersonation])))
})

check('rejects warning-recorder outside timeout and a step inside one it must be outside', () => {
  assert.equal(checkChain([warnings, timeout]), E.left([{ _tag: 'MustRunInside', step: 'warning-recorder', other: 'timeout' }]))
  const cors = step('cors', identity, { outside: ['authentication'] })
  const authn = step('authentication', identity)
  const r = checkChain([authn, cors])
  assert.equal(r, E.left([{ _tag: 'MustRunOutside', step: 'cors', other: 'authentication' }]))
  if (E.isLeft(r)) assert.is(violationMessage(r.left[0]!), 'step "cors" must run outside "authentication", but runs inside it')
})

check('inside/outside constraints on absent steps are ignored', () => {
  assert.ok(E.isRight(checkChain([warnings])))
})

check('reports every violation at once, duplicates included', () => {
  const r = checkChain([warnings, timeout, timeout, authz])
  assert.ok(E.isLeft(r))
  if (E.isLeft(r)) assert.equal(r.left.map((v) => v._tag).sort(), ['DuplicateName', 'MissingProvider', 'MustRunInside'])
})

// A slow oracle: the rules, stated over every ordered pair of positions (a step is never inside or
// outside itself, so a constraint naming the step itself holds trivially).
const satisfies = (chain: Chain): boolean => {
  const at = (n: string) => chain.findIndex((s) => s.name === n)
  return chain.every(
    (s, i) =>
      s.needs.every((a) => chain.some((p, j) => j < i && p.provides.includes(a))) &&
      s.inside.every((o) => at(o) < 0 || at(o) <= i) &&
      s.outside.every((o) => at(o) < 0 || at(o) >= i),
  )
}

const ruleSet = fc.array(
  fc.record({
    needs: fc.subarray(['A', 'B', 'C']),
    provides: fc.subarray(['A', 'B', 'C']),
    inside: fc.subarray(['s0', 's1', 's2', 's3', 's4', 's5']),
    outside: fc.subarray(['s0', 's1', 's2', 's3', 's4', 's5']),
  }),
  { minLength: 1, maxLength: 6 },
)

check('property: a permutation is accepted exactly when it satisfies the declared rules', () => {
  fc.assert(
    fc.property(ruleSet, fc.array(fc.nat()), (rules, seeds) => {
      const steps: Step[] = rules.map((r, i) => step(`s${i}`, identity, r))
      const shuffled = [...steps].sort((a, b) => (seeds[steps.indexOf(a)] ?? 0) - (seeds[steps.indexOf(b)] ?? 0))
      assert.is(E.isRight(checkChain(shuffled)), satisfies(shuffled))
    }),
    { numRuns: 500 },
  )
})

check.run()
