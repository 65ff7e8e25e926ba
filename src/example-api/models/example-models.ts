import type { SchemaModels } from '../../endpoints/schema.js'
import { authenticationV1Models } from './authentication-v1-models.js'
import { authorizationV1Models } from './authorization-v1-models.js'
import { coreV1EventModels } from './core-v1-event-models.js'
import { coreV1Models } from './core-v1-models.js'

/** The models of the kinds the example API serves (core/v1 ConfigMaps and Events, authentication and authorization self reviews). */
export const exampleModels: SchemaModels = { ...coreV1Models, ...coreV1EventModels, ...authenticationV1Models, ...authorizationV1Models }
