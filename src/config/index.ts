export { type Problem, type ConfigError, configError, formatProblems, fromDecodeErrors } from './problems.js'
export { NonNegativeInt, Millis, NumberBetween, FunctionValue } from './codecs.js'
export { decodeStrict } from './decode-strict.js'
export { Config, configDefaults, newConfig } from './server-config.js'
export {
  type TracingConfiguration,
  parseTracingConfiguration,
  validateTracingConfiguration,
  tracingConfigurationDefaults,
} from './tracing-configuration.js'
