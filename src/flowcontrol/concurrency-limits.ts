/** What a priority level says about its share of the server's seats (upstream v1 `PriorityLevelConfiguration` spec). */
export interface LevelShares {
  readonly name: string
  readonly nominalConcurrencyShares: number
  /** Percent of its nominal limit other levels may borrow. */
  readonly lendablePercent: number
  /** Percent of its nominal limit it may borrow on top; undefined means no limit (exempt levels, unset). */
  readonly borrowingLimitPercent: number | undefined
}

/** A level's seat limits derived from the server's total (upstream's `nominalCL`, `minCL`, `maxCL`). */
export interface LevelLimits {
  readonly name: string
  /** ceil(serverCL × shares / Σ shares). */
  readonly nominalCL: number
  /** round(nominalCL × lendablePercent / 100). */
  readonly lendableCL: number
  /** round(nominalCL × borrowingLimitPercent / 100), or serverCL when unlimited. */
  readonly borrowingCL: number
  /** nominalCL − lendableCL: what the level keeps however much it lends. */
  readonly minCL: number
  /** nominalCL + borrowingCL: the most it may use with borrowed seats. */
  readonly maxCL: number
  /** The limit a new level starts with, before the first rebalancing: nominalCL − ⌊lendableCL / 2⌋. */
  readonly initialCL: number
}

/**
 * The server's concurrency limit as upstream computes it: `--max-requests-inflight` plus
 * `--max-mutating-requests-inflight` (600 with upstream's defaults).
 */
export const serverConcurrencyLimit = (maxRequestsInflight: number, maxMutatingRequestsInflight: number): number =>
  maxRequestsInflight + maxMutatingRequestsInflight

/**
 * Divides the server's seats among the levels by their nominal concurrency shares (every level's shares count,
 * the exempt level's too, as in upstream v1); the results may sum to a little more than `serverCL` because
 * each is rounded up.
 * @example
 * nominalLimits(600, [{ name: 'catch-all', nominalConcurrencyShares: 5, lendablePercent: 0, borrowingLimitPercent: undefined }])
 */
export const nominalLimits = (serverCL: number, levels: ReadonlyArray<LevelShares>): ReadonlyArray<LevelLimits> => {
  const shareSum = levels.reduce((sum, l) => sum + l.nominalConcurrencyShares, 0)
  return levels.map((l) => {
    const nominalCL = shareSum === 0 ? 0 : Math.ceil((serverCL * l.nominalConcurrencyShares) / shareSum)
    const lendableCL = Math.round((nominalCL * l.lendablePercent) / 100)
    const borrowingCL = l.borrowingLimitPercent === undefined ? serverCL : Math.round((nominalCL * l.borrowingLimitPercent) / 100)
    return {
      name: l.name,
      nominalCL,
      lendableCL,
      borrowingCL,
      minCL: nominalCL - lendableCL,
      maxCL: nominalCL + borrowingCL,
      initialCL: nominalCL - Math.floor(lendableCL / 2),
    }
  })
}
