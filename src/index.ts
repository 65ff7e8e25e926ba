// kubechain: the Kubernetes API server's serving stack for Node.js. Each public area is also its own entry
// point (`kubechain/core`, `kubechain/sync`, `kubechain/filters`, ...); this root re-exports them. The example
// API stays at its subpath (`kubechain/example-api`), as API Priority and Fairness's kinds and queues do
// (`kubechain/flowcontrol`: its names, such as Subject and Decision, are auth's too); src/internal is never exported.
export * from './core/index.js'
export * from './sync/index.js'
export * from './request/index.js'
export * from './metrics/index.js'
export * from './chains/index.js'
export * from './filters/index.js'
export * from './director/index.js'
export * from './endpoints/index.js'
export * from './auth/index.js'
export * from './audit/index.js'
export * from './config/index.js'
export * from './lifecycle/index.js'
export * from './serve/index.js'
