import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseTracingConfiguration, tracingConfigurationDefaults } from '../../src/config/tracing-configuration.js'

const head = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n'
const problems = (text: string): ReadonlyArray<string> => {
  const r = parseTracingConfiguration(text)
  return E.isLeft(r) ? r.left : []
}

const parse = suite('parseTracingConfiguration')

parse("upstream's defaults: localhost:4317, 0 per million", () => {
  assert.equal(parseTracingConfiguration(head), E.right(tracingConfigurationDefaults))
  assert.equal(tracingConfigurationDefaults, { endpoint: 'localhost:4317', samplingRatePerMillion: 0 })
})

parse('YAML and JSON, in v1, v1beta1 and v1alpha1', () => {
  assert.equal(
    parseTracingConfiguration(`${head}endpoint: otel:4317\nsamplingRatePerMillion: 100\n`),
    E.right({ endpoint: 'otel:4317', samplingRatePerMillion: 100 }),
  )
  const json = '{"apiVersion":"apiserver.config.k8s.io/v1beta1","kind":"TracingConfiguration","samplingRatePerMillion":1000000}'
  assert.equal(parseTracingConfiguration(json), E.right({ endpoint: 'localhost:4317', samplingRatePerMillion: 1_000_000 }))
  assert.ok(E.isRight(parseTracingConfiguration(head.replace('/v1', '/v1alpha1'))))
})

parse('unknown fields, wrong types, kind and apiVersion are each a problem naming the field', () => {
  assert.equal(problems(`${head}endpoit: x:1\n`), ['unknown field "endpoit"'])
  assert.equal(problems(`${head}samplingRatePerMillion: "10"\n`), ['samplingRatePerMillion: expected an int32, got "10"'])
  assert.equal(problems(`${head}samplingRatePerMillion: 1.5\n`), ['samplingRatePerMillion: expected an int32, got 1.5'])
  assert.equal(problems(`${head}endpoint: 4317\n`), ['endpoint: expected a string, got 4317'])
  assert.equal(problems('apiVersion: apiserver.config.k8s.io/v1\nkind: AuditPolicy\n'), [
    'kind: expected "TracingConfiguration", got "AuditPolicy"',
  ])
  assert.equal(problems('kind: TracingConfiguration\n'), [
    'apiVersion: expected one of apiserver.config.k8s.io/v1, apiserver.config.k8s.io/v1beta1, apiserver.config.k8s.io/v1alpha1, got nothing',
  ])
})

parse("upstream's validation messages for the rate and the endpoint's scheme", () => {
  assert.equal(problems(`${head}samplingRatePerMillion: -1\n`), [
    'samplingRatePerMillion: Invalid value: -1: sampling rate must be positive',
  ])
  assert.equal(problems(`${head}samplingRatePerMillion: 1000001\n`), [
    'samplingRatePerMillion: Invalid value: 1000001: sampling rate per million must be less than or equal to one million',
  ])
  assert.equal(problems(`${head}endpoint: https://otel:4317\n`), [
    'endpoint: Invalid value: "https://otel:4317": unsupported scheme: https.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md',
  ])
  for (const endpoint of ['otel:4317', 'dns:///otel:4317', '127.0.0.1:4317'])
    assert.equal(problems(`${head}endpoint: "${endpoint}"\n`), [], endpoint)
  // upstream accepts unix sockets; node's OTLP exporter dials host:port only, so they are refused here
  assert.equal(problems(`${head}endpoint: "unix:///run/otel.sock"\n`), [
    'endpoint: Invalid value: "unix:///run/otel.sock": unix endpoints are not supported here: the OTLP exporter dials host:port',
  ])
  // Go's URL parser refuses a port that is not a number; so does this
  assert.equal(problems(`${head}endpoint: "dns:collector:4317"\n`), [
    'endpoint: Invalid value: "dns://dns:collector:4317": not a valid host:port',
  ])
})

parse('not YAML, no document, two documents, not an object', () => {
  assert.ok(problems('a: [').every((p) => p.startsWith('invalid YAML or JSON: ')))
  assert.ok(problems('a: [').length > 0)
  assert.equal(problems(''), ['expected one TracingConfiguration document, got none'])
  assert.equal(problems(`${head}---\n${head}`), ['expected one TracingConfiguration document, got 2'])
  assert.equal(problems('- 1\n'), ['expected a TracingConfiguration object, got [1]'])
})

parse('any text gives a configuration or problems, never a throw (property)', () => {
  const fieldLine = fc.oneof(
    fc.string().map((s) => `endpoint: ${JSON.stringify(s)}`),
    fc.double().map((n) => `samplingRatePerMillion: ${n}`),
    fc.string().map((s) => `${s}: ${s}`),
  )
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(fieldLine).map((ls) => head + ls.join('\n')),
      ),
      (text) => {
        const r = parseTracingConfiguration(text)
        return E.isRight(r) || (r.left.length > 0 && r.left.every((p) => typeof p === 'string' && p !== ''))
      },
    ),
    { numRuns: 300 },
  )
})

parse.run()
