import type { Attributes } from '@opentelemetry/api'
import * as O from 'fp-ts/lib/Option.js'
import type { RawRequest, Request } from '../core/request.js'
import { header, peerAddress } from '../core/request.js'
import type { RequestInfo } from './request-info.js'

/**
 * The server span's name (upstream `WithTracing`'s span name formatter): the method for a request that is
 * not a resource request, else `<METHOD> /<prefix>[/<group>]/<version>[/namespaces/{:namespace}]/<resource>`
 * then `/{:name}` and `/<subresource>` when present, so names stay few whatever the objects are called.
 * @example
 * spanName('GET', O.some(info)) // 'GET /api/v1/namespaces/{:namespace}/configmaps/{:name}'
 */
export const spanName = (method: string, info: O.Option<RequestInfo>): string => {
  if (O.isNone(info) || !info.value.isResourceRequest) return method
  const i = info.value
  let name = `${method} /${i.apiPrefix}`
  if (i.apiGroup !== '') name += `/${i.apiGroup}`
  name += `/${i.apiVersion}`
  if (i.namespace !== '') name += '/namespaces/{:namespace}'
  name += `/${i.resource}`
  if (i.name !== '') name += '/{:name}'
  if (i.subresource !== '') name += `/${i.subresource}`
  return name
}

const knownMethods = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE', 'QUERY'])

/**
 * The attributes otelhttp's server handler puts on a span when the request arrives (OpenTelemetry HTTP
 * semantic conventions): `http.request.method` (`_OTHER` plus `http.request.method_original` for an
 * unknown method), `url.scheme`, `server.address` and `server.port` (from `Host`; the port only when not
 * the scheme's default), `network.peer.address`/`.port`, `user_agent.original`, `client.address` (first
 * `X-Forwarded-For` entry, else the peer), `url.path` and `network.protocol.version`.
 */
export const requestTraceAttributes = (req: Request): Attributes => {
  const tls = isTls(req.raw)
  const attrs: Attributes = { ...methodAttributes(req.method), 'url.scheme': tls ? 'https' : 'http' }
  const [host, port] = splitHostPort(header(req, 'host') ?? header(req, ':authority') ?? '')
  attrs['server.address'] = host
  if (port > 0 && port !== (tls ? 443 : 80)) attrs['server.port'] = port
  const address = peerAddress(req.raw)
  const peer = address?.remoteAddress
  if (peer !== undefined) {
    attrs['network.peer.address'] = peer
    const peerPort = address?.remotePort
    if (peerPort !== undefined && peerPort > 0) attrs['network.peer.port'] = peerPort
  }
  const agent = header(req, 'user-agent') ?? ''
  if (agent !== '') attrs['user_agent.original'] = agent
  const client = forwardedFor(header(req, 'x-forwarded-for')) || peer || ''
  if (client !== '') attrs['client.address'] = client
  if (req.path !== '') attrs['url.path'] = req.path
  if (req.raw !== undefined) attrs['network.protocol.version'] = req.raw.httpVersionMajor === 2 ? '2' : req.raw.httpVersion
  return attrs
}

/**
 * The attributes otelhttp adds when the work is done: `http.response.status_code`, and
 * `http.response.body.size` for a body whose size is known (bytes or a string), when not empty.
 */
export const responseTraceAttributes = (status: number, bodySize: number): Attributes =>
  bodySize > 0 ? { 'http.response.status_code': status, 'http.response.body.size': bodySize } : { 'http.response.status_code': status }

const methodAttributes = (method: string): Attributes => {
  if (knownMethods.has(method)) return { 'http.request.method': method }
  const upper = method.toUpperCase()
  return knownMethods.has(upper)
    ? { 'http.request.method': upper, 'http.request.method_original': method }
    : { 'http.request.method': '_OTHER', 'http.request.method_original': method }
}

const isTls = (raw: RawRequest | undefined): boolean => (raw?.socket as { encrypted?: boolean } | undefined)?.encrypted === true

/** `host[:port]` or `[v6][:port]` into host and port (`-1` when absent or not a number). */
const splitHostPort = (hostport: string): readonly [string, number] => {
  const v6 = hostport.startsWith('[') ? hostport.indexOf(']') : -1
  const colon = hostport.lastIndexOf(':')
  if (colon < 0 || colon < v6) return [v6 > 0 ? hostport.slice(1, v6) : hostport, -1]
  const host = v6 > 0 ? hostport.slice(1, v6) : hostport.slice(0, colon)
  const port = Number(hostport.slice(colon + 1))
  return [host, Number.isInteger(port) && port > 0 && port < 65536 ? port : -1]
}

const forwardedFor = (value: string | undefined): string => (value === undefined ? '' : (value.split(',')[0] ?? '').trim())
