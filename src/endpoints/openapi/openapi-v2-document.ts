import type { JsonObject, JsonValue } from '../json-value.js'
import type { SchemaModels } from '../schema.js'
import { reachableModels, rewriteRefs } from './model-refs.js'
import { type OpenApiOperation, pathItemWith } from './openapi-operation.js'
import type { OpenApiParameter } from './openapi-parameters.js'
import { type OpenApiInfo, bearerTokenScheme, defaultOpenApiInfo, groupVersionPaths, rootModels } from './openapi-paths.js'
import type { ServedResource } from './served-resource.js'

const ref = (name: string): string => `#/definitions/${name}`

/**
 * The OpenAPI v2 (Swagger 2.0) document of everything served, as kube-apiserver serves it at
 * `/openapi/v2`: every group version's operations and the models they reach under `definitions`, where
 * a property that is `allOf` one `$ref` is written as that `$ref`, as upstream's v2 documents do.
 * @example
 * const doc = openApiV2Document([{ definition: configMapDefinition }], { ...metaModels, ...exampleModels })
 */
export const openApiV2Document = (
  served: ReadonlyArray<ServedResource>,
  models: SchemaModels,
  info: OpenApiInfo = defaultOpenApiInfo,
): JsonObject => {
  const paths = groupVersions(served)
    .flatMap(([gv, resources]) => groupVersionPaths(gv, resources))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const definitions: Record<string, JsonValue> = {}
  for (const [name, schema] of Object.entries(reachableModels(rootModels(paths), models).models))
    definitions[name] = rewriteRefs(schema, ref, true) as JsonObject
  return {
    definitions,
    info: { title: info.title, version: info.version },
    paths: Object.fromEntries(paths.map((p) => [p.path, pathItem(p)])),
    security: [{ BearerToken: [] }],
    securityDefinitions: { BearerToken: bearerTokenScheme },
    swagger: '2.0',
  }
}

type GroupEntry = readonly [{ readonly group: string; readonly version: string }, ReadonlyArray<ServedResource>]

const groupVersions = (served: ReadonlyArray<ServedResource>): ReadonlyArray<GroupEntry> => {
  const byKey = new Map<string, ServedResource[]>()
  for (const s of served) {
    const key = `${s.definition.group}/${s.definition.version}`
    byKey.set(key, [...(byKey.get(key) ?? []), s])
  }
  return [...byKey.values()].map((list): GroupEntry => {
    const d = (list[0] as ServedResource).definition
    return [{ group: d.group, version: d.version }, list]
  })
}

const operation = (op: OpenApiOperation, own: ReadonlyArray<OpenApiParameter>): JsonObject => {
  const body: ReadonlyArray<JsonObject> =
    op.body === undefined ? [] : [{ in: 'body', name: 'body', required: true, schema: { $ref: ref(op.body.model) } }]
  const out: Record<string, JsonValue> = {
    consumes: op.body === undefined ? ['*/*'] : [...op.body.mediaTypes],
    description: op.description,
    operationId: op.operationId,
  }
  const parameters = [...body, ...own.map(parameter)]
  if (parameters.length > 0) out['parameters'] = parameters
  out['produces'] = [...op.produces]
  out['responses'] = Object.fromEntries(
    op.responses.map((r): [string, JsonObject] => [
      r.code,
      r.model === undefined ? { description: r.description } : { description: r.description, schema: { $ref: ref(r.model) } },
    ]),
  )
  out['schemes'] = ['https']
  out['tags'] = [op.tag]
  if (op.action !== undefined) out['x-kubernetes-action'] = op.action
  if (op.gvk !== undefined) out['x-kubernetes-group-version-kind'] = { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version }
  return out
}

const parameter = (p: OpenApiParameter): JsonObject => ({
  description: p.description,
  in: p.in,
  name: p.name,
  ...(p.required === true ? { required: true } : {}),
  type: p.type,
  uniqueItems: true,
})

const pathItem = pathItemWith(operation, parameter)
