import { stringify } from 'yaml'
import { goJson } from '../core/go-json.js'
import { type HttpResponse, bytes } from '../core/response.js'
import type { OutputTarget } from './negotiate-output.js'

/**
 * An API object response in the negotiated encoding, with its Content-Type. JSON as upstream's
 * serializer writes it: compact with a trailing newline, or, when pretty, two-space indented without
 * one (Go's `MarshalIndent`). YAML as sigs.k8s.io/yaml writes it: the JSON form's keys sorted, block
 * style, sequences not indented under their key, strings quoted where YAML 1.1 would read another type.
 * Port note: long YAML strings are never folded.
 * @example
 * encodeOutput(jsonTarget, 200, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'web' } })
 */
export const encodeOutput = (target: OutputTarget, status: number, value: unknown): HttpResponse =>
  bytes(status, encodeBody(target, value), { 'content-type': target.mediaType })

/** The body `encodeOutput` writes. */
export const encodeBody = (target: OutputTarget, value: unknown): string => {
  if (target.format === 'yaml') return toYaml(value)
  return target.pretty ? goJson(value, 2) : `${goJson(value)}\n`
}

/** YAML of a JSON value, as `yaml.JSONToYAML` (go-yaml v2's layout). */
export const toYaml = (value: unknown): string => stringify(JSON.parse(JSON.stringify(value)) as unknown, yamlOptions)

/**
 * go-yaml v2 reads YAML 1.1, so strings a 1.1 reader would take for something else (timestamps,
 * `yes`, `on`, `y`, numbers) are quoted; keys sorted; sequences at their key's indentation.
 */
const yamlOptions = { schema: 'yaml-1.1', sortMapEntries: true, indentSeq: false, lineWidth: 0, minContentWidth: 0 } as const
