// Counting outcomes for a table cell.

/** `value×count` for each distinct value, in order of first appearance. */
export const tally = (xs: ReadonlyArray<string>): string => {
  const m = new Map<string, number>()
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1)
  return [...m].map(([k, n]) => `${k}×${n}`).join(', ')
}
