import * as E from 'fp-ts/lib/Either.js'
import type { Target } from './request.js'

/**
 * Splits a request target (`/a%20b?x=1`) into escaped path, decoded path and raw query. Like Go's
 * `url.ParseRequestURI`, a malformed `%` escape in the path is an error (node:http lets it through; the
 * adapters answer 400). An absolute-form target (`http://host/p`) is reduced to its path and query.
 */
export const parseTarget = (url: string): E.Either<string, Target> => {
  let target = url
  if (!target.startsWith('/')) {
    const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(target)
    if (scheme === null)
      return target === '*' ? E.right({ url, path: '*', rawPath: '*', rawQuery: '' }) : E.left(`invalid request target "${url}"`)
    target = target.slice(scheme[0].length) || '/'
  }
  const hash = target.indexOf('#')
  if (hash >= 0) target = target.slice(0, hash)
  const q = target.indexOf('?')
  const rawPath = q < 0 ? target : target.slice(0, q)
  const rawQuery = q < 0 ? '' : target.slice(q + 1)
  if (rawPath.indexOf('%') < 0) return E.right({ url, path: rawPath, rawPath, rawQuery })
  return E.map((path: string) => ({ url, path, rawPath, rawQuery }))(unescape(rawPath))
}

const badEscape = /%(?![0-9a-fA-F]{2})/

/**
 * Percent-decodes like Go's `url.PathUnescape`: a `%` not followed by two hex digits is an error;
 * decoded bytes that are not valid UTF-8 become U+FFFD instead of failing.
 */
export const unescape = (s: string): E.Either<string, string> => {
  if (badEscape.test(s)) {
    const at = s.search(badEscape)
    return E.left(`invalid URL escape "${s.slice(at, at + 3)}"`)
  }
  try {
    return E.right(decodeURIComponent(s))
  } catch {
    return E.right(
      Buffer.from(
        s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8'),
    )
  }
}
