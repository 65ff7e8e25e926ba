// The Handler every example embeds: a small chain of steps over an inner hello handler.
import {
  type Filter,
  type Handler,
  build,
  json,
  mapResponse,
  plainError,
  setHeaderIfAbsent,
  statusError,
  step,
  text,
  toResponse,
} from '../src/core/index.js'

/** Answers `hello` on `/`, a small JSON object under `/api/`, and a 404 Status elsewhere. */
export const hello: Handler = (req) => {
  if (req.path === '/') return text(200, 'hello')
  if (req.path.startsWith('/api/')) return json(200, { kind: 'Hello', path: req.path })
  return toResponse(notFound)
}

const notFound = statusError({
  status: 'Failure',
  message: 'the server could not find the requested resource',
  reason: 'NotFound',
  details: {},
  code: 404,
})

/** Sets `x-served-by: kubechain` on every response unless an inner handler set it: work after the inner handler. */
export const withServedBy: Filter = mapResponse(setHeaderIfAbsent('x-served-by', 'kubechain'))

/** Answers 405 to anything but GET and HEAD without calling the inner handler: a step that answers early. */
export const withReadOnly: Filter = (next) => {
  const refused = toResponse(plainError(405, 'method not allowed', { allow: 'GET, HEAD' }))
  return (req) => (req.method === 'GET' || req.method === 'HEAD' ? next(req) : refused)
}

/** The chain in run order: `served-by` wraps everything, so even early answers carry its header. */
export const helloChain = [step('served-by', withServedBy), step('read-only', withReadOnly)]

/** The hello handler behind the chain; built once, served by every example. */
export const helloHandler: Handler = build(helloChain)(hello)
