import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Dealer, hashFlowId, maxRememberedHands, newDealer } from '../../src/flowcontrol/shuffle-sharding.js'

const dealerOf = (deck: number, hand: number): Dealer => {
  const d = newDealer(deck, hand)
  if (E.isLeft(d)) throw new Error(d.left)
  return d.right
}

const dealer = suite('newDealer')

dealer('deals the hands upstream deals for the same hash', () => {
  assert.equal(dealerOf(64, 6).deal(15531453230597747500n), [44, 41, 39, 1, 21, 47])
  assert.equal(dealerOf(128, 6).deal(5449774753716172163n), [3, 72, 82, 58, 1, 116])
  assert.equal(dealerOf(128, 8).deal(2n ** 64n - 1n), [127, 1, 7, 56, 91, 6, 41, 0])
})

dealer('refuses sizes upstream refuses, with its messages', () => {
  assert.equal(newDealer(0, 1), E.left('deckSize 0 or handSize 1 is not positive'))
  assert.equal(newDealer(4, 5), E.left('handSize 5 is greater than deckSize 4'))
  assert.equal(newDealer(128, 9), E.left('required entropy bits of deckSize 128 and handSize 9 is greater than 60'))
  assert.ok(E.isRight(newDealer(128, 8)))
})

dealer('property: a hand is handSize distinct queues of the deck, the same for the same hash', () => {
  const sizes = fc
    .integer({ min: 1, max: 512 })
    .chain((deck) => fc.tuple(fc.constant(deck), fc.integer({ min: 1, max: Math.min(deck, 6) })))
  fc.assert(
    fc.property(sizes, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), ([deck, hand], hash) => {
      const d = dealerOf(deck, hand)
      const cards = d.deal(hash)
      assert.is(cards.length, hand)
      assert.is(new Set(cards).size, hand)
      assert.ok(cards.every((c) => Number.isInteger(c) && c >= 0 && c < deck))
      assert.equal(d.deal(hash), cards)
    }),
  )
})

dealer('remembers a hand per hash (the same hand again), and deals right past the remembered bound', () => {
  const d = dealerOf(128, 6)
  const first = d.deal(42n)
  assert.is(d.deal(42n), first)
  for (let i = 0; i < maxRememberedHands + 1; i++) d.deal(BigInt(i) * 7919n)
  const again = d.deal(42n)
  assert.equal(again, first)
})

const hash = suite('hashFlowId')

hash('is the first 8 bytes, little-endian, of SHA-256 over name, a zero byte and distinguisher (as upstream)', () => {
  assert.is(hashFlowId('catch-all', 'alice'), 15531453230597747500n)
  assert.is(hashFlowId('global-default', ''), 5449774753716172163n)
  // the separator keeps ("a", "bc") and ("ab", "c") apart
  assert.is.not(hashFlowId('a', 'bc'), hashFlowId('ab', 'c'))
})

hash('property: flows spread over the queues (each of 64 queues gets 50% to 150% of its even share)', () => {
  const d = dealerOf(64, 1)
  fc.assert(
    fc.property(fc.string({ maxLength: 8 }), (prefix) => {
      const counts = new Array<number>(64).fill(0)
      for (let i = 0; i < 6400; i++) counts[d.deal(hashFlowId('workload-low', `${prefix}user-${i}`))[0]!]!++
      assert.ok(Math.min(...counts) >= 50, `fewest ${Math.min(...counts)}`)
      assert.ok(Math.max(...counts) <= 150, `most ${Math.max(...counts)}`)
    }),
    { numRuns: 15 },
  )
})

dealer.run()
hash.run()
