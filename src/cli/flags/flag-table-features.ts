import { serveOptionsDefaults } from '../../config/options/serve-options.js'
import type { FlagTable } from './flag-spec.js'

const d = serveOptionsDefaults.features

/**
 * Upstream's "Features flags" that kubechain serves (`FeatureOptions.AddFlags`), with their help texts.
 * Port note: `--contention-profiling` is accepted and changes nothing, Node has no lock contention profile.
 */
export const featureFlags: FlagTable = [
  {
    name: 'contention-profiling',
    section: 'Features',
    type: 'bool',
    default: d.enableContentionProfiling,
    path: 'features.enableContentionProfiling',
    help: 'Enable lock contention profiling, if profiling is enabled',
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
