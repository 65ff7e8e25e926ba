import { serveOptionsDefaults } from '../../config/options/serve-options.js'
import type { FlagTable } from './flag-spec.js'

const d = serveOptionsDefaults.features

/**
 * Upstream's "Features flags" that kubechain serves (`FeatureOptions.AddFlags`), with their help texts.
 * Port note: `--contention-profiling` is accepted and changes nothing, Node has no lock contention profile.
 * `--flowcontrol-config-file` is kubechain's: upstream reads its APF objects from the cluster.
 */
export const featureFlags: FlagTable = [
  {
    name: 'contention-profiling',
    section: 'Features',
    type: 'bool',
    default: d.enableContentionProfiling,
    path: 'features.enableContentionProfiling',
    help: 'Accepted for compatibility with kube-apiserver; it changes nothing, as Node.js has no lock contention profile.',
  },
  {
    name: 'enable-priority-and-fairness',
    section: 'Features',
    type: 'bool',
    default: d.enablePriorityAndFairness,
    path: 'features.enablePriorityAndFairness',
    help: 'If true, replace the max-in-flight handler with an enhanced one that queues and dispatches with priority and fairness',
  },
  {
    name: 'flowcontrol-config-file',
    section: 'Features',
    type: 'string',
    default: d.flowcontrolConfigFile,
    path: 'features.flowcontrolConfigFile',
    help: 'File with FlowSchemas and PriorityLevelConfigurations (YAML or JSON) added to, or replacing by name, the suggested bootstrap objects when --enable-priority-and-fairness is true.',
  },
  {
    name: 'profiling',
    section: 'Features',
    type: 'bool',
    default: d.enableProfiling,
    path: 'features.enableProfiling',
    help: 'Enable profiling via web interface host:port/debug/pprof/',
  },
]
