import { stringify } from 'yaml'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { gnosticV2Document } from './gnostic-v2-types.js'

type Message = Record<string, unknown>

/**
 * The v2 document in gnostic's protobuf (`openapi.v2.Document`), as kube-openapi's `ToProtoBinary`
 * encodes it for `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (kubectl's
 * `explain --output plaintext-openapiv2`, client-go's `OpenAPISchema`).
 * @example
 * const body = v2Protobuf(openApiV2Document([{ definition: configMapDefinition }], { ...metaModels, ...exampleModels }))
 */
export const v2Protobuf = (doc: JsonObject): Uint8Array => gnosticV2Document.encode(gnosticV2Document.fromObject(toGnostic(doc))).finish()

/** The v2 JSON document as the plain object of gnostic's `Document` message. */
export const toGnostic = (doc: JsonObject): Message => ({
  swagger: doc['swagger'],
  info: doc['info'],
  paths: { path: entries(doc['paths']).map(([name, item]) => ({ name, value: pathItem(item) })) },
  definitions: { additional_properties: entries(doc['definitions']).map(([name, s]) => ({ name, value: schema(s) })) },
  security: list(doc['security']).map((req) => ({
    additional_properties: Object.entries(isJsonObject(req) ? req : {}).map(([name, scopes]) => ({ name, value: { value: list(scopes) } })),
  })),
  security_definitions: {
    additional_properties: entries(doc['securityDefinitions']).map(([name, item]) => ({ name, value: { api_key_security: item } })),
  },
})

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const

const pathItem = (item: JsonObject): Message => {
  const out: Message = {}
  for (const m of methods) if (isJsonObject(item[m])) out[m] = operation(item[m])
  if (item['parameters'] !== undefined) out['parameters'] = list(item['parameters']).map(parameter)
  return out
}

const operation = (op: JsonObject): Message => ({
  tags: op['tags'],
  description: op['description'],
  operation_id: op['operationId'],
  produces: op['produces'],
  consumes: op['consumes'],
  parameters: list(op['parameters']).map(parameter),
  responses: {
    response_code: entries(op['responses']).map(([name, r]) => ({
      name,
      value: {
        response: { description: r['description'], ...(isJsonObject(r['schema']) ? { schema: { schema: schema(r['schema']) } } : {}) },
      },
    })),
  },
  schemes: op['schemes'],
  vendor_extension: vendorExtensions(op),
})

const parameter = (p: JsonValue): Message => {
  const o = isJsonObject(p) ? p : {}
  if (o['in'] === 'body')
    return { parameter: { body_parameter: { ...pick(o, ['description', 'name', 'in', 'required']), schema: schema(o['schema']) } } }
  const sub = { ...pick(o, ['required', 'in', 'description', 'name', 'type', 'format']), unique_items: o['uniqueItems'] }
  return {
    parameter: { non_body_parameter: o['in'] === 'path' ? { path_parameter_sub_schema: sub } : { query_parameter_sub_schema: sub } },
  }
}

const schema = (s: JsonValue | undefined): Message => {
  const o = isJsonObject(s) ? s : {}
  const out: Message = pick(o, ['format', 'description', 'required'])
  if (typeof o['$ref'] === 'string') out['_ref'] = o['$ref']
  if (o['default'] !== undefined) out['default'] = any(o['default'])
  if (Array.isArray(o['enum'])) out['enum'] = o['enum'].map(any)
  if (typeof o['additionalProperties'] === 'boolean') out['additional_properties'] = { boolean: o['additionalProperties'] }
  else if (isJsonObject(o['additionalProperties'])) out['additional_properties'] = { schema: schema(o['additionalProperties']) }
  if (typeof o['type'] === 'string') out['type'] = { value: [o['type']] }
  if (isJsonObject(o['items'])) out['items'] = { schema: [schema(o['items'])] }
  if (Array.isArray(o['allOf'])) out['all_of'] = o['allOf'].map(schema)
  if (isJsonObject(o['properties']))
    out['properties'] = { additional_properties: entries(o['properties']).map(([name, p]) => ({ name, value: schema(p) })) }
  out['vendor_extension'] = vendorExtensions(o)
  return out
}

/** `x-` fields as gnostic keeps them: the name and the value as YAML text, in the document's order. */
const vendorExtensions = (o: JsonObject): ReadonlyArray<Message> =>
  Object.entries(o)
    .filter(([k]) => k.startsWith('x-'))
    .map(([name, value]) => ({ name, value: any(value) }))

const any = (value: JsonValue): Message => ({ yaml: stringify(value) })

const pick = (o: JsonObject, keys: ReadonlyArray<string>): Message => {
  const out: Message = {}
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k]
  return out
}

const entries = (v: JsonValue | undefined): ReadonlyArray<readonly [string, JsonObject]> =>
  isJsonObject(v) ? Object.entries(v).map(([k, x]) => [k, isJsonObject(x) ? x : {}] as const) : []

const list = (v: JsonValue | undefined): ReadonlyArray<JsonValue> => (Array.isArray(v) ? v : [])
