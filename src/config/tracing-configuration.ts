import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { oneYamlDocument } from '../internal/one-yaml-document.js'

/**
 * Upstream's `TracingConfiguration` (component-base `tracing/api/v1`, served as `apiserver.config.k8s.io`
 * kind `TracingConfiguration`): the OTLP gRPC collector and the sampling rate of root spans.
 */
export interface TracingConfiguration {
  /** `host:port`, `dns:[//authority/]host:port`, `unix:path` or `unix-abstract:name`; plaintext, as upstream. */
  readonly endpoint: string
  /** Root spans sampled per million; 0 samples only what a sampled (privileged) parent asks for. */
  readonly samplingRatePerMillion: number
}

/** Upstream's defaults: the OTLP gRPC default endpoint, and no sampling of root spans. */
export const tracingConfigurationDefaults: TracingConfiguration = { endpoint: 'localhost:4317', samplingRatePerMillion: 0 }

/** The API versions that serve the kind, as upstream's `apiserver.config.k8s.io` scheme does. */
export const tracingApiVersions = ['apiserver.config.k8s.io/v1', 'apiserver.config.k8s.io/v1beta1', 'apiserver.config.k8s.io/v1alpha1']

const Int32 = t.refinement(t.number, (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31, 'an int32')
const fields = { apiVersion: t.string, kind: t.string, endpoint: t.string, samplingRatePerMillion: Int32 }
const Document = t.partial(fields)

/**
 * Parses a `--tracing-config-file` (YAML or JSON) strictly: one document of kind `TracingConfiguration`
 * in a known API version, no unknown fields, values of the right types, then upstream's validation
 * (`ValidateTracingConfiguration`). Every problem is one line naming its field.
 * @example
 * parseTracingConfiguration('apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: 100')
 * // right({ endpoint: 'localhost:4317', samplingRatePerMillion: 100 })
 */
export const parseTracingConfiguration = (text: string): E.Either<ReadonlyArray<string>, TracingConfiguration> => {
  const doc = oneYamlDocument(text, 'TracingConfiguration')
  if (E.isLeft(doc)) return doc
  if (typeof doc.right !== 'object' || doc.right === null || Array.isArray(doc.right))
    return E.left([`expected a TracingConfiguration object, got ${JSON.stringify(doc.right)}`])
  const unknown = Object.keys(doc.right)
    .filter((k) => !(k in fields))
    .map((k) => `unknown field "${k}"`)
  const decoded = Document.decode(doc.right)
  const problems = [...unknown, ...(E.isLeft(decoded) ? decoded.left.map(describe) : typeProblems(decoded.right))]
  if (problems.length > 0 || E.isLeft(decoded)) return E.left(problems)
  const cfg = { ...tracingConfigurationDefaults, ...withoutTypeMeta(decoded.right) }
  const invalid = validateTracingConfiguration(cfg)
  return invalid.length > 0 ? E.left(invalid) : E.right(cfg)
}

/** Upstream `ValidateTracingConfiguration`: the rate within 0..1000000, the endpoint's scheme one gRPC knows. */
export const validateTracingConfiguration = (cfg: TracingConfiguration): ReadonlyArray<string> => [
  ...(cfg.samplingRatePerMillion < 0
    ? [`samplingRatePerMillion: Invalid value: ${cfg.samplingRatePerMillion}: sampling rate must be positive`]
    : []),
  ...(cfg.samplingRatePerMillion > 1_000_000
    ? [
        `samplingRatePerMillion: Invalid value: ${cfg.samplingRatePerMillion}: sampling rate per million must be less than or equal to one million`,
      ]
    : []),
  ...endpointProblems(cfg.endpoint),
]

/**
 * Upstream prefixes `dns://` to an endpoint without `//`, then accepts the schemes dns, unix and
 * unix-abstract, and Go's URL parser refuses a bad port. Node's OTLP exporter dials host:port only, so
 * unix sockets are refused here with a problem rather than never exporting.
 */
const endpointProblems = (endpoint: string): ReadonlyArray<string> => {
  const full = endpoint.includes('//') ? endpoint : `dns://${endpoint}`
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(full)?.[1]?.toLowerCase() ?? ''
  if (scheme === 'unix' || scheme === 'unix-abstract')
    return [`endpoint: Invalid value: "${full}": ${scheme} endpoints are not supported here: the OTLP exporter dials host:port`]
  if (scheme === 'dns') return URL.canParse(full) ? [] : [`endpoint: Invalid value: "${full}": not a valid host:port`]
  return [
    `endpoint: Invalid value: "${full}": unsupported scheme: ${scheme}.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md`,
  ]
}

const typeProblems = (doc: t.TypeOf<typeof Document>): ReadonlyArray<string> => [
  ...(doc.kind === 'TracingConfiguration' ? [] : [`kind: expected "TracingConfiguration", got ${JSON.stringify(doc.kind) ?? 'nothing'}`]),
  ...(doc.apiVersion !== undefined && tracingApiVersions.includes(doc.apiVersion)
    ? []
    : [`apiVersion: expected one of ${tracingApiVersions.join(', ')}, got ${JSON.stringify(doc.apiVersion) ?? 'nothing'}`]),
]

const withoutTypeMeta = ({ apiVersion: _v, kind: _k, ...rest }: t.TypeOf<typeof Document>): Partial<TracingConfiguration> => rest

const describe = (e: t.ValidationError): string => {
  const key = e.context[1]?.key ?? ''
  const type = key === 'samplingRatePerMillion' ? 'an int32' : 'a string'
  return `${key}: expected ${type}, got ${JSON.stringify(e.value) ?? 'nothing'}`
}
