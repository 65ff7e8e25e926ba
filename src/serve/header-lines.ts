import { validateHeaderName, validateHeaderValue } from 'node:http'
import type { ResponseHeaders } from '../core/index.js'

/**
 * Response headers as raw `name: value` lines, one per value, leaving out the names in `skip`. Throws
 * node's own error on an invalid name or value (a CR or LF in a value would split the response).
 */
export const headerLines = (headers: ResponseHeaders, skip: ReadonlySet<string>): string[] => {
  const lines: string[] = []
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined || skip.has(name)) continue
    validateHeaderName(name)
    for (const v of typeof value === 'string' ? [value] : value) {
      validateHeaderValue(name, v)
      lines.push(`${name}: ${v}`)
    }
  }
  return lines
}
