// The fault suite's table, as markdown.
import type { RowResult } from './row.js'

/** The table: attack | bound held | memory | fds | verdict, then the flags and notes of each row. */
export const resultsTable = (rows: ReadonlyArray<RowResult>, startedAt: Date, seconds: number): string => {
  const lines = [
    `Fault suite, ${startedAt.toISOString()}, ${seconds} s, node ${process.version}. Memory: server RSS at start→peak/after (MiB); fds: server /proc/<pid>/fd at start/peak/after.`,
    '',
    '| attack | bound held | memory (RSS start→peak/after) | fds (start/peak/after) | verdict |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.attack)} | ${cell(r.bound)} | ${cell(r.memory)} | ${cell(r.fds)} | ${r.held ? 'held' : 'FAILED'} |`),
    '',
    '| attack | server flags | seconds | notes |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.attack)} | ${cell(r.flags)} | ${r.seconds} | ${cell(r.notes ?? '')} |`),
    '',
  ]
  return lines.join('\n')
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
