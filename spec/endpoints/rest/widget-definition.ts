// Spec support: a cluster-scoped Widget in its own group, the resource the generic REST specs serve.
import type { ResourceDefinition } from '../../../src/endpoints/resource-definition.js'

/** A minimal Widget definition; specs spread it to change what they need (`namespaced`, `columns`, ...). */
export const widgetDefinition: ResourceDefinition = {
  group: 'example.kubechain.dev',
  version: 'v1',
  kind: 'Widget',
  listKind: 'WidgetList',
  resource: 'widgets',
  singularName: 'widget',
  namespaced: false,
  shortNames: [],
  verbs: [],
  model: 'w',
  columns: [],
}
