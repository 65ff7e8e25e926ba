import * as E from 'fp-ts/lib/Either.js'

/** One level's claim in a rebalancing: it gets between its bounds, as close to `target` scaled fairly as they allow. */
export interface AllocationItem {
  readonly lowerBound: number
  readonly upperBound: number
  readonly target: number
}

/** The seats each item gets, and the fair proportion of its target every unclamped item got. */
export interface Allocation {
  readonly allocs: ReadonlyArray<number>
  readonly fairProp: number
}

/** Targets below this count as this, so a level with no demand still has a direction to grow in (upstream `MinTarget`). */
export const minTarget = 0.001
const epsilon = 0.0000001

/**
 * Splits `requiredSum` seats among `items` (upstream `computeConcurrencyAllocation` with every weight 1):
 * each gets clamp(target × p, lowerBound, upperBound) for the one proportion p at which they sum to
 * `requiredSum`. Found by bisection rather than upstream's walk over sorted bounds; both give that same p.
 * Impossible problems are refused with upstream's messages.
 */
export const computeConcurrencyAllocation = (requiredSum: number, items: ReadonlyArray<AllocationItem>): E.Either<string, Allocation> => {
  const invalid = validate(requiredSum, items)
  if (invalid !== undefined) return E.left(invalid)
  const targets = items.map((i) => Math.max(i.target, minTarget))
  const sum = (p: number) => items.reduce((acc, item, j) => acc + clampAt(item, targets[j]!, p), 0)
  const lowSum = items.reduce((acc, i) => acc + i.lowerBound, 0)
  const highSum = items.reduce((acc, i) => acc + i.upperBound, 0)
  if (lowSum - requiredSum > -epsilon) return E.right({ allocs: items.map((i) => i.lowerBound), fairProp: 0 })
  if (requiredSum - highSum > -epsilon) return E.right({ allocs: items.map((i) => i.upperBound), fairProp: maxProp(items, targets) })
  let low = 0
  let high = maxProp(items, targets)
  for (let round = 0; round < 200 && high - low > 1e-12 * high; round++) {
    const mid = (low + high) / 2
    if (sum(mid) < requiredSum) low = mid
    else high = mid
  }
  return E.right({ allocs: items.map((item, j) => clampAt(item, targets[j]!, high)), fairProp: high })
}

const clampAt = (item: AllocationItem, target: number, p: number): number =>
  Math.max(item.lowerBound, Math.min(item.upperBound, target * p))

// The proportion at which every item reaches its upper bound.
const maxProp = (items: ReadonlyArray<AllocationItem>, targets: ReadonlyArray<number>): number =>
  items.reduce((acc, item, j) => Math.max(acc, item.upperBound / targets[j]!), 0)

const validate = (requiredSum: number, items: ReadonlyArray<AllocationItem>): string | undefined => {
  if (requiredSum < 0) return 'negative sums are not supported'
  for (const [j, item] of items.entries()) {
    if (item.lowerBound < 0) return `lower bound ${j} is ${item.lowerBound} but negative lower bounds are not allowed`
    if (item.target < item.lowerBound) return `target ${j} is ${item.target}, which is below its lower bound of ${item.lowerBound}`
    if (item.upperBound < item.lowerBound)
      return `upper bound ${j} is ${item.upperBound} but should not be less than the lower bound ${item.lowerBound}`
  }
  const lowSum = items.reduce((acc, i) => acc + i.lowerBound, 0)
  const highSum = items.reduce((acc, i) => acc + i.upperBound, 0)
  if (lowSum - requiredSum > epsilon) return `lower bounds sum to ${lowSum}, which is higher than the required sum of ${requiredSum}`
  if (requiredSum - highSum > epsilon) return `upper bounds sum to ${highSum}, which is lower than the required sum of ${requiredSum}`
  return undefined
}
