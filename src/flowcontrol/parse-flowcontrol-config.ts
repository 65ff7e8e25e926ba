import * as E from 'fp-ts/lib/Either.js'
import { parseAllDocuments } from 'yaml'
import { type Problem, fileProblem } from '../config/problems.js'
import { decodeFlowcontrolDocument } from './decode-flowcontrol-document.js'
import { type FlowcontrolConfig, type GivenObject, bootstrapFlowcontrolConfig, withObjects } from './flowcontrol-config.js'

/** The flag that names the configuration file. */
export const flowcontrolConfigFlag = '--flowcontrol-config-file'

/**
 * The configuration a `--flowcontrol-config-file` text gives: upstream's bootstrap objects, with the
 * file's FlowSchemas and PriorityLevelConfigurations (YAML `---` documents, JSON, `v1` Lists or typed
 * lists) added or replacing suggested ones by name. Every problem of the file is one line naming the
 * flag and `file`: `--flowcontrol-config-file apf.yaml: document 2 (FlowSchema "x").spec.matchingPrecedence: ...`.
 * Pure: the caller reads the file. Never throws.
 * @example
 * parseFlowcontrolConfig(fs.readFileSync('/etc/kubechain/apf.yaml', 'utf8'), '/etc/kubechain/apf.yaml')
 */
export const parseFlowcontrolConfig = (
  text: string,
  file: string,
  base: FlowcontrolConfig = bootstrapFlowcontrolConfig,
): E.Either<ReadonlyArray<Problem>, FlowcontrolConfig> => {
  const given = givenObjects(text)
  const merged = E.isLeft(given) ? given : withObjects(base, given.right)
  return E.mapLeft((ps: ReadonlyArray<Problem>) => ps.map((p) => fileProblem(flowcontrolConfigFlag, file, `${p.path}: ${p.message}`)))(
    merged,
  )
}

/** Every object of every document, in order, or every problem of every document. */
const givenObjects = (text: string): E.Either<ReadonlyArray<Problem>, ReadonlyArray<GivenObject>> => {
  const docs = E.tryCatch(
    () => parseAllDocuments(text),
    (e) => [{ path: 'file', message: `invalid YAML or JSON: ${String(e)}` }],
  )
  if (E.isLeft(docs)) return docs
  if (!Array.isArray(docs.right)) return E.left([{ path: 'file', message: 'invalid YAML or JSON' }])
  const decoded = docs.right.map((doc, i): E.Either<ReadonlyArray<Problem>, ReadonlyArray<GivenObject>> => {
    const at = `document ${i + 1}`
    if (doc.errors.length > 0) return E.left(doc.errors.map((e) => ({ path: at, message: `invalid YAML or JSON: ${oneLine(e.message)}` })))
    const value = E.tryCatch(
      () => doc.toJS() as unknown,
      (e) => [{ path: at, message: `invalid YAML or JSON: ${e instanceof Error ? e.message : String(e)}` }],
    )
    if (E.isLeft(value)) return value
    if (value.right === null || value.right === undefined) return E.right([]) // an empty document (or a comment alone)
    return E.map((objects: ReadonlyArray<GivenObject['object']>) => objects.map((object) => ({ object, at })))(
      decodeFlowcontrolDocument(value.right, at),
    )
  })
  const problems = decoded.flatMap((d) => (E.isLeft(d) ? d.left : []))
  return problems.length > 0 ? E.left(problems) : E.right(decoded.flatMap((d) => (E.isRight(d) ? d.right : [])))
}

/** A YAML error's text without the source excerpt the yaml library appends: it keeps `at line <n>, column <m>`. */
const oneLine = (message: string): string => (message.split('\n')[0] ?? '').replace(/:$/, '')
