import type { OpenApiPath } from './openapi-operation.js'
import { resourcePaths, resourcesPath } from './resource-paths.js'
import type { ServedResource } from './served-resource.js'

/** A group version and what it serves. */
export interface GroupVersion {
  readonly group: string
  readonly version: string
}

/** Everything a group version's documents describe: `GET <root>/` and each served resource's paths, sorted by path. */
export const groupVersionPaths = (gv: GroupVersion, served: ReadonlyArray<ServedResource>): ReadonlyArray<OpenApiPath> =>
  [resourcesPath(gv.group, gv.version), ...served.flatMap(resourcePaths)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

/** The model names the operations of `paths` send and answer: where the walk for a document's models starts. */
export const rootModels = (paths: ReadonlyArray<OpenApiPath>): ReadonlyArray<string> => {
  const names = new Set<string>()
  for (const p of paths)
    for (const op of p.operations) {
      if (op.body !== undefined) names.add(op.body.model)
      for (const r of op.responses) if (r.model !== undefined) names.add(r.model)
    }
  return [...names]
}

/** The `info` of a document: upstream writes `Kubernetes` and the server's version. */
export interface OpenApiInfo {
  readonly title: string
  readonly version: string
}

/** The info upstream's published documents carry. */
export const defaultOpenApiInfo: OpenApiInfo = { title: 'Kubernetes', version: 'unversioned' }

/** The bearer token scheme every upstream document declares. */
export const bearerTokenScheme = {
  description: 'Bearer Token authentication',
  in: 'header',
  name: 'authorization',
  type: 'apiKey',
} as const
