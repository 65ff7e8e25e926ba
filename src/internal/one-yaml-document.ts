import * as E from 'fp-ts/lib/Either.js'
import { parseAllDocuments } from 'yaml'

/**
 * The one document of a YAML or JSON file that must hold exactly one `kind` (a policy, a configuration):
 * its plain value, or every problem one line each (`invalid YAML or JSON: ...`, `expected one <kind>
 * document, got 2`). Never throws.
 * @example
 * oneYamlDocument('kind: Policy\nrules: []', 'Policy') // right({ kind: 'Policy', rules: [] })
 */
export const oneYamlDocument = (text: string, kind: string): E.Either<ReadonlyArray<string>, unknown> => {
  const docs = E.tryCatch(
    () => parseAllDocuments(text),
    (e) => [`invalid YAML or JSON: ${String(e)}`],
  )
  if (E.isLeft(docs)) return docs
  if (!Array.isArray(docs.right)) return E.left(['invalid YAML or JSON'])
  const found = docs.right.filter((d) => d.contents !== null)
  const first = found[0]
  if (first === undefined) return E.left([`expected one ${kind} document, got none`])
  if (found.length > 1) return E.left([`expected one ${kind} document, got ${found.length}`])
  if (first.errors.length > 0) return E.left(first.errors.map((e) => `invalid YAML or JSON: ${firstLine(e.message)}`))
  return E.tryCatch(
    () => first.toJS() as unknown,
    (e) => [`invalid YAML or JSON: ${e instanceof Error ? e.message : String(e)}`],
  )
}

/** A YAML error's text without the source excerpt the yaml library appends: it keeps `at line <n>, column <m>`. */
const firstLine = (message: string): string => (message.split('\n')[0] ?? '').replace(/:$/, '')
