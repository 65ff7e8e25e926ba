import { goJson } from '../core/go-json.js'
import { encodeOutput } from '../endpoints/encode-output.js'
import { jsonTarget } from '../endpoints/negotiate-output.js'
import { type HttpResponse, bytes } from '../core/response.js'

const jsonHeaders = { 'content-type': 'application/json' } as const

/**
 * An API object response as upstream's JSON serializer writes it: compact, Go's escaping of `<>&`,
 * a trailing newline, `Content-Type: application/json`.
 * @example
 * apiJson(201, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'web' } })
 */
export const apiJson = (status: number, value: unknown): HttpResponse => encodeOutput(jsonTarget, status, value)

/** Upstream's `WriteRawJSON` (used by `/version`): two-space indented JSON, no trailing newline. */
export const rawJson = (status: number, value: unknown): HttpResponse => bytes(status, goJson(value, 2), jsonHeaders)
