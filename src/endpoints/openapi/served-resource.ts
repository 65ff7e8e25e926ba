import type { ResourceDefinition } from '../resource-definition.js'

/** A resource a group version serves, as its OpenAPI documents describe it. */
export interface ServedResource {
  readonly definition: ResourceDefinition
  /** The list kind's model name; defaults to the kind's model with `listKind` in place of `kind` (`io.k8s.api.core.v1.ConfigMapList`). */
  readonly listModel?: string
  /** The media types its PATCH accepts; defaults to upstream's four for built-in kinds (`patchMediaTypes`). */
  readonly patchTypes?: ReadonlyArray<string>
}

/** The model name of a served resource's list kind. */
export const listModelOf = (served: ServedResource): string =>
  served.listModel ??
  `${served.definition.model.slice(0, served.definition.model.length - served.definition.kind.length)}${served.definition.listKind}`
