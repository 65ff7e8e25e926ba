import type { JsonObject, JsonValue } from '../json-value.js'
import type { SchemaModels } from '../schema.js'
import { reachableModels, rewriteRefs } from './model-refs.js'
import { type OpenApiOperation, pathItemWith } from './openapi-operation.js'
import type { OpenApiParameter } from './openapi-parameters.js'
import {
  type GroupVersion,
  type OpenApiInfo,
  bearerTokenScheme,
  defaultOpenApiInfo,
  groupVersionPaths,
  rootModels,
} from './openapi-paths.js'
import type { ServedResource } from './served-resource.js'

const ref = (name: string): string => `#/components/schemas/${name}`

/**
 * The OpenAPI v3 document of one group version, as kube-apiserver serves it at `/openapi/v3/api/v1` or
 * `/openapi/v3/apis/<group>/<version>`: every operation of the served resources and exactly the models
 * they reach through `$ref`s, under `components.schemas`. Models missing from `models` are left out (see
 * `missingModels`).
 * @example
 * const doc = openApiV3Document({ group: '', version: 'v1' }, [{ definition: configMapDefinition }], { ...metaModels, ...exampleModels })
 */
export const openApiV3Document = (
  gv: GroupVersion,
  served: ReadonlyArray<ServedResource>,
  models: SchemaModels,
  info: OpenApiInfo = defaultOpenApiInfo,
): JsonObject => {
  const paths = groupVersionPaths(gv, served)
  const schemas: Record<string, JsonValue> = {}
  for (const [name, schema] of Object.entries(reachableModels(rootModels(paths), models).models))
    schemas[name] = rewriteRefs(schema, ref) as JsonObject
  return {
    components: { schemas, securitySchemes: { BearerToken: bearerTokenScheme } },
    info: { title: info.title, version: info.version },
    openapi: '3.0.0',
    paths: Object.fromEntries(paths.map((p) => [p.path, pathItem(p)])),
  }
}

const operation = (op: OpenApiOperation, own: ReadonlyArray<OpenApiParameter>): JsonObject => {
  const out: Record<string, JsonValue> = { description: op.description, operationId: op.operationId }
  if (own.length > 0) out['parameters'] = own.map(parameter)
  if (op.body !== undefined) out['requestBody'] = { content: content(op.body.mediaTypes, op.body.model), required: true }
  out['responses'] = Object.fromEntries(
    op.responses.map((r): [string, JsonObject] => [
      r.code,
      r.model === undefined ? { description: r.description } : { content: content(op.produces, r.model), description: r.description },
    ]),
  )
  out['tags'] = [op.tag]
  if (op.action !== undefined) out['x-kubernetes-action'] = op.action
  if (op.gvk !== undefined) out['x-kubernetes-group-version-kind'] = { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version }
  return out
}

const content = (mediaTypes: ReadonlyArray<string>, model: string): JsonObject =>
  Object.fromEntries(mediaTypes.map((mt) => [mt, { schema: { $ref: ref(model) } }]))

const parameter = (p: OpenApiParameter): JsonObject => ({
  description: p.description,
  in: p.in,
  name: p.name,
  ...(p.required === true ? { required: true } : {}),
  schema: { type: p.type, uniqueItems: true },
})

const pathItem = pathItemWith(operation, parameter)
