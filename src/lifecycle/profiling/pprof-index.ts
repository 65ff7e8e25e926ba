import type { Handler } from '../../core/handler.js'
import { type HttpResponse, bytes } from '../../core/response.js'
import { pprofError } from './pprof-responses.js'

const prefix = '/debug/pprof/'

/** The profiles kubechain serves, with what each records and how to open it. */
const profiles: ReadonlyArray<readonly [name: string, description: string]> = [
  [
    'heap',
    'A V8 heap snapshot (.heapsnapshot), or with the seconds GET parameter a sampling heap profile over that window (.heapprofile). Open either in Chrome DevTools, Memory tab.',
  ],
  [
    'profile',
    'CPU profile. You can specify the duration in the seconds GET parameter. Open the .cpuprofile in Chrome DevTools (Performance tab) or speedscope.',
  ],
]

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;')

const indexPage = (): string =>
  [
    '<html>\n<head>\n<title>/debug/pprof/</title>\n</head>\n<body>\n/debug/pprof/\n<br>\nTypes of profiles available:\n<table>\n',
    ...profiles.map(([name]) => `<tr><td><a href='${name}'>${escapeHtml(name)}</a></td></tr>\n`),
    '</table>\n<p>\nProfile Descriptions:\n<ul>\n',
    ...profiles.map(([name, desc]) => `<li><div class=profile-name>${escapeHtml(name)}: </div> ${escapeHtml(desc)}</li>\n`),
    '</ul>\n</p>\n</body>\n</html>',
  ].join('')

/**
 * `/debug/pprof/` and what lies under it (Go's `pprof.Index`): the HTML list of profiles at the prefix
 * itself, `named[name]` for `/debug/pprof/<name>`, and Go's 404 `Unknown profile` for any other name.
 * @example
 * const index = pprofIndex({ heap: heapHandler(profilingDeps(deps.clock, deps.log), profilingDefaults) })
 */
export const pprofIndex = (named: Readonly<Record<string, Handler>>): Handler => {
  const page = indexPage()
  const headers = { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' }
  return (req) => {
    const name = req.path.startsWith(prefix) ? req.path.slice(prefix.length) : ''
    if (name === '') return bytes(200, page, headers)
    const handler = Object.hasOwn(named, name) ? named[name] : undefined
    return handler === undefined ? pprofError(404, 'Unknown profile') : handler(req)
  }
}

/** `/debug/pprof` answered as upstream's `redirectTo("/debug/pprof/")`: Go's `http.Redirect` with 302. */
export const pprofRedirect: Handler = (req): HttpResponse =>
  req.method === 'GET' || req.method === 'HEAD'
    ? bytes(302, req.method === 'GET' ? `<a href="${prefix}">Found</a>.\n\n` : '', {
        location: prefix,
        'content-type': 'text/html; charset=utf-8',
      })
    : bytes(302, '', { location: prefix })
