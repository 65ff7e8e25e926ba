import { hash as digest } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'

/** Hash bits a deal may consume: upstream's `shufflesharding.MaxHashBits`. */
export const maxHashBits = 60

/** Deals each flow a fixed hand of distinct queue indices out of a deck (upstream `shufflesharding.Dealer`). */
export interface Dealer {
  /** Queues in the deck. */
  readonly deckSize: number
  /** Queues in each hand. */
  readonly handSize: number
  /** The hand for `hash`, in deal order: `handSize` distinct indices in `[0, deckSize)`, the same for the same hash. */
  readonly deal: (hash: bigint) => ReadonlyArray<number>
}

/** Bits of hash a hand of `handSize` out of `deckSize` needs, rounded up (upstream `RequiredEntropyBits`). */
export const requiredEntropyBits = (deckSize: number, handSize: number): number => Math.ceil(Math.log2(deckSize) * handSize)

/**
 * Makes a Dealer, or says why the sizes are unusable, with upstream `NewDealer`'s messages.
 * @example
 * const dealer = newDealer(64, 6) // Right: every flow gets 6 of 64 queues
 */
export const newDealer = (deckSize: number, handSize: number): E.Either<string, Dealer> => {
  if (!(deckSize > 0 && handSize > 0) || !Number.isInteger(deckSize) || !Number.isInteger(handSize)) {
    return E.left(`deckSize ${deckSize} or handSize ${handSize} is not positive`)
  }
  if (handSize > deckSize) return E.left(`handSize ${handSize} is greater than deckSize ${deckSize}`)
  if (deckSize > 1 << 26) return E.left(`deckSize ${deckSize} is impractically large`)
  if (requiredEntropyBits(deckSize, handSize) > maxHashBits) {
    return E.left(`required entropy bits of deckSize ${deckSize} and handSize ${handSize} is greater than ${maxHashBits}`)
  }
  return E.right({ deckSize, handSize, deal: rememberedHands((hash) => deal(hash, deckSize, handSize)) })
}

/** The hands a dealer remembers at most; past it it starts again. A flow's hand is dealt again on every request otherwise. */
export const maxRememberedHands = 4096

/** `deal` that remembers the hands it dealt (the same hash always gets the same hand), within `maxRememberedHands`. */
const rememberedHands = (dealOf: (hash: bigint) => ReadonlyArray<number>): ((hash: bigint) => ReadonlyArray<number>) => {
  const hands = new Map<bigint, ReadonlyArray<number>>()
  return (hash) => {
    const known = hands.get(hash)
    if (known !== undefined) return known
    if (hands.size >= maxRememberedHands) hands.clear()
    const hand = dealOf(hash)
    hands.set(hash, hand)
    return hand
  }
}

// The hash is read as mixed-radix digits (deckSize, deckSize-1, ...); each digit picks among the cards not
// yet dealt, so the hand has no repeats and every hand is equally likely for a uniform hash. The 64-bit
// hash is divided as four 16-bit limbs in plain numbers: every partial value stays below 2^42, exact in a
// double, and no BigInt arithmetic runs per digit.
const deal = (hash: bigint, deckSize: number, handSize: number): ReadonlyArray<number> => {
  const high = Number(BigInt.asUintN(32, hash >> 32n))
  const low = Number(BigInt.asUintN(32, hash))
  const limbs = [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff]
  const digits = new Array<number>(handSize)
  const hand = new Array<number>(handSize)
  for (let i = 0; i < handSize; i++) {
    const digit = divideInPlace(limbs, deckSize - i)
    digits[i] = digit
    let card = digit
    for (let j = i; j > 0; j--) if (card >= digits[j - 1]!) card++
    hand[i] = card
  }
  return hand
}

// Divides the big-endian 16-bit limbs by `radix` in place and answers the remainder.
const divideInPlace = (limbs: number[], radix: number): number => {
  let rest = 0
  for (let k = 0; k < limbs.length; k++) {
    const value = rest * 0x10000 + limbs[k]!
    limbs[k] = Math.floor(value / radix)
    rest = value - limbs[k]! * radix
  }
  return rest
}

/**
 * The 64-bit hash of a flow, as upstream `hashFlowID`: SHA-256 of the FlowSchema name, a zero byte and the
 * flow distinguisher, whose first 8 bytes are read little-endian.
 */
export const hashFlowId = (flowSchemaName: string, distinguisher: string): bigint =>
  digest('sha256', `${flowSchemaName}\0${distinguisher}`, 'buffer').readBigUInt64LE(0)
