// Which key lengths exist, so a lookup by a cut of the path is only tried at lengths that can hit
// (cutting a string and hashing the cut is the expensive part of a lookup).

/** `table[n] === 1` when some key is `n` long; the table ends at the longest key. */
export const lengthTable = (keys: ReadonlyArray<string>): Uint8Array => {
  const table = new Uint8Array(keys.reduce((max, k) => Math.max(max, k.length), 0) + 1)
  for (const k of keys) table[k.length] = 1
  return table
}
