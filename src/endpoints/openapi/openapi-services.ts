import type { Clock } from '../../core/clock.js'
import { goJson } from '../../core/go-json.js'
import type { WebService } from '../../director/director.js'
import type { SchemaModels } from '../schema.js'
import { groupVersionKey } from './operation-names.js'
import { type OpenApiInfo, defaultOpenApiInfo } from './openapi-paths.js'
import { openApiV2Document } from './openapi-v2-document.js'
import { v2Protobuf } from './openapi-v2-protobuf.js'
import { openApiV2Handler, openApiV2Path } from './openapi-v2-service.js'
import { openApiV3Document } from './openapi-v3-document.js'
import { openApiV3Handler, openApiV3Root, v3Entry } from './openapi-v3-service.js'
import type { ServedResource } from './served-resource.js'

/** A group version and the resources it serves. */
export interface ServedGroupVersion {
  readonly group: string
  readonly version: string
  readonly served: ReadonlyArray<ServedResource>
}

/** What the OpenAPI services need besides the served resources and their models. */
export interface OpenApiOptions {
  /** The documents' `info` (default `Kubernetes`, `unversioned`). */
  readonly info?: OpenApiInfo
  /** Dates `Last-Modified` and `Expires`; without one those headers are left out. */
  readonly clock?: Clock
}

/**
 * The web services of `/openapi/v3` (index and one JSON document per group version) and `/openapi/v2`
 * (one document of everything, JSON or gnostic protobuf), as kube-apiserver serves them to kubectl (`apply`, `create --validate`,
 * `explain`). Documents are built and encoded once, here; `models` must hold every model the served
 * kinds reach (`metaModels` plus the kinds' own).
 * @example
 * const services = openApiServices([{ group: '', version: 'v1', served: [{ definition: configMapDefinition }] }], { ...metaModels, ...exampleModels })
 */
export const openApiServices = (
  groups: ReadonlyArray<ServedGroupVersion>,
  models: SchemaModels,
  opts: OpenApiOptions = {},
): ReadonlyArray<WebService> => {
  const info = opts.info ?? defaultOpenApiInfo
  const entries = groups.map((g) => v3Entry(groupVersionKey(g.group, g.version), openApiV3Document(g, g.served, models, info)))
  const v2 = openApiV2Document(
    groups.flatMap((g) => g.served),
    models,
    info,
  )
  return [
    { root: openApiV3Root, handler: openApiV3Handler(entries, opts.clock) },
    { root: openApiV2Path, handler: openApiV2Handler({ json: Buffer.from(goJson(v2), 'utf8'), protobuf: v2Protobuf(v2) }, opts.clock) },
  ]
}
