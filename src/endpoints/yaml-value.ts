import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions } from 'yaml'

/** How many alias expansions one body may use; more is 400, as a resource exhaustion attack. */
export const maxYamlAliases = 100

/**
 * How bodies are parsed as YAML, as sigs.k8s.io/yaml's go-yaml reads them: repeated keys are kept for
 * the strict decoder to report, and merge keys (`<<: *base`) merge, their aliases counted.
 */
export const yamlParseOptions: ParseOptions & DocumentOptions & SchemaOptions = { uniqueKeys: false, prettyErrors: false, merge: true }

/** `!!binary` is the decoded bytes as a string, as go-yaml decodes it (invalid UTF-8 becomes U+FFFD, as Go's JSON writes it). */
export const yamlReviver = (_key: unknown, value: unknown): unknown =>
  value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8') : value

/** How a parsed body becomes JSON values: at most `maxYamlAliases` alias expansions, `!!binary` as `yamlReviver` says. */
export const yamlToJsOptions: ToJSOptions = { maxAliasCount: maxYamlAliases, reviver: yamlReviver }
