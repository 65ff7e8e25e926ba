// Scaling row "RBAC bindings": the secure chain with SCALE_BINDINGS ClusterRoleBindings that do not
// match the bench user before the one that does; hello at every path.
import { toNodeListener } from '../../src/serve/index.js'
import { serve } from './hello-server.js'
import { envCount } from './scale-parts.js'
import { rbacHandler } from './scale-handlers.js'

await serve(toNodeListener(rbacHandler(envCount('SCALE_BINDINGS'))))
