import { serveOptionsDefaults } from '../../config/options/serve-options.js'
import type { FlagTable } from './flag-spec.js'

/** Upstream's "Traces flags" (`TracingOptions.AddFlags`): `--tracing-config-file`. */
export const tracesFlags: FlagTable = [
  {
    name: 'tracing-config-file',
    section: 'Traces',
    type: 'string',
    default: serveOptionsDefaults.traces.configFile,
    path: 'traces.configFile',
    help: 'File with apiserver tracing configuration.',
  },
]
