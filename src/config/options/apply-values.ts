import * as E from 'fp-ts/lib/Either.js'
import { type Problem, fromDecodeErrors } from '../problems.js'
import { ServeOptions, serveOptionsDefaults } from './serve-options.js'

/**
 * Sets values by dotted path (`secureServing.bindPort`) on top of `base` (upstream's defaults) and
 * decodes the result: a path that names no option, or a value of the wrong type, is a problem naming it.
 * @example
 * applyValues({ 'secureServing.bindPort': 8443 }) // right({ ...serveOptionsDefaults, secureServing: { ..., bindPort: 8443 } })
 */
export const applyValues = (
  values: Readonly<Record<string, unknown>>,
  base: ServeOptions = serveOptionsDefaults,
): E.Either<ReadonlyArray<Problem>, ServeOptions> => {
  const groups: Record<string, Record<string, unknown>> = {}
  const problems: Problem[] = []
  for (const [path, value] of Object.entries(values)) {
    const [group = '', field = '', ...more] = path.split('.')
    const defaults: Record<string, unknown> | undefined = (base as unknown as Record<string, Record<string, unknown>>)[group]
    if (defaults === undefined || !(field in defaults) || more.length > 0) {
      problems.push({ path, message: 'unknown option' })
      continue
    }
    groups[group] = { ...(groups[group] ?? defaults), [field]: value }
  }
  const decoded = ServeOptions.decode({ ...base, ...groups })
  if (E.isLeft(decoded)) problems.push(...fromDecodeErrors(decoded.left))
  return problems.length > 0 || E.isLeft(decoded) ? E.left(problems) : E.right(decoded.right)
}
