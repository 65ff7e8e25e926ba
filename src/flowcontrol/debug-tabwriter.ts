/**
 * Go's `text/tabwriter` as the debug dumps use it (`NewWriter(w, 8, 0, 1, ' ', 0)`): a cell is text ended
 * by a tab; the cells of one column across consecutive lines form a block, padded with spaces to the
 * widest cell of the block plus one, at least 8. The text after a line's last tab is not a cell and is
 * never padded. A line without a tab ends the blocks above it.
 */
const minWidth = 8
const padding = 1

type Line = ReadonlyArray<string>

const width = (cell: string): number => [...cell].length

/** Formats the lines `from`..`to` of `lines`, whose columns left of `widths.length` have those widths. */
const format = (lines: ReadonlyArray<Line>, from: number, to: number, widths: number[], out: string[]): void => {
  const column = widths.length
  let start = from
  for (let i = from; i < to; i++) {
    if (column >= lines[i]!.length - 1) continue
    writeLines(lines, start, i, widths, out)
    let w = minWidth
    let end = i
    for (; end < to && column < lines[end]!.length - 1; end++) w = Math.max(w, width(lines[end]![column]!) + padding)
    widths.push(w)
    format(lines, i, end, widths, out)
    widths.pop()
    start = end
    i = end - 1
  }
  writeLines(lines, start, to, widths, out)
}

const writeLines = (lines: ReadonlyArray<Line>, from: number, to: number, widths: ReadonlyArray<number>, out: string[]): void => {
  for (let i = from; i < to; i++) {
    const cells = lines[i]!
    out.push(cells.map((c, j) => (j < widths.length ? c + ' '.repeat(widths[j]! - width(c)) : c)).join(''), '\n')
  }
}

/**
 * Aligns tab-separated `text` as Go's tabwriter with the dumps' settings does (every line ends with a
 * newline here, as every dump line does).
 * @example
 * alignTabs('a,\tb\nlonger,\tc\n') // 'a,      b\nlonger, c\n'
 */
export const alignTabs = (text: string): string => {
  const rows = text.split('\n')
  const trailing = rows.pop() ?? ''
  const out: string[] = []
  let block: Line[] = []
  for (const row of rows) {
    const cells = row.split('\t')
    block.push(cells)
    // A line with one cell flushes: the columns above it end there.
    if (cells.length === 1) {
      format(block, 0, block.length, [], out)
      block = []
    }
  }
  format(block, 0, block.length, [], out)
  return out.join('') + trailing
}
