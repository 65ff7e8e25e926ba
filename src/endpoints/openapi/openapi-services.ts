import type { Clock } from '../../core/clock.js'
import type { WebService } from '../../director/director.js'
import type { SchemaModels } from '../schema.js'
import { groupVersionKey } from './operation-names.js'
import { type OpenApiInfo, defaultOpenApiInfo } from './openapi-paths.js'
import { openApiV2Document } from './openapi-v2-document.js'
import { type V2Representation, openApiV2Handler, openApiV2Path, v2Json } from './openapi-v2-service.js'
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
  /** Encodings of the v2 document besides JSON, e.g. `v2Protobuf(doc)`. */
  readonly v2Encodings?: (doc: ReturnType<typeof openApiV2Document>) => ReadonlyArray<V2Representation>
}

/**
 * The web services of `/openapi/v3` (index and one document per group version) and `/openapi/v2` (one
 * document of everything), as kube-apiserver serves them to kubectl (`apply`, `create --validate`,
 * `explain`). Documents are built and encoded once, here; `models` must hold every model the served
 * kinds reach (`metaModels` plus the kinds' own).
 * @example
 * const services = openApiServices([{ group: '', version: 'v1', served: [{ definition: configMapDefinition }] }], { ...metaModels, ...exampleModels })
 */
export const openApiServices = (groups: ReadonlyArray<ServedGroupVersion>, models: SchemaModels, opts: OpenApiOptions = {}): ReadonlyArray<WebService> => {
  const info = opts.info ?? defaultOpenApiInfo
  const entries = groups.map((g) => v3Entry(groupVersionKey(g.group, g.version), openApiV3Document(g, g.served, models, info)))
  const v2 = openApiV2Document(groups.flatMap((g) => g.served), models, info)
  return [
    { root: openApiV3Root, handler: openApiV3Handler(entries, opts.clock) },
    { root: openApiV2Path, handler: openApiV2Handler([v2Json(v2), ...(opts.v2Encodings?.(v2) ?? [])], opts.clock) },
  ]
}
