// Keeps bench/README.md's latest results in step with the last run: replaces the text between
// `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`.
import { readFileSync, writeFileSync } from 'node:fs'

/** Replaces the marked section `name` of the Markdown file at `path` with `body`; false when the markers are missing. */
export const replaceSection = (path: string, name: string, body: string): boolean => {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return false
  }
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  if (i < 0 || j < i) return false
  writeFileSync(path, `${text.slice(0, i + start.length)}\n${body.trim()}\n${text.slice(j)}`)
  return true
}
