export { metaModels } from './meta-models.js'
export {
  apiVersionDescription,
  booleanProp,
  gvkOf,
  integerProp,
  kindDescription,
  modelListProp,
  refTo,
  stringListProp,
  stringMapProp,
  stringProp,
} from './model-builders.js'
export { objectMetaModels } from './object-meta-models.js'
export { operationModels } from './operation-models.js'
