import { LoggingFormat } from '../../core/klog-logger.js'
import { goQuote } from '../../internal/go/go-quote.js'
import type { Problem } from '../problems.js'
import { flagProblem } from './flag-problem.js'
import type { LogsOptions } from './serve-options.js'

/**
 * Upstream's `logsapi.Validate`: the format must be a registered one (`text`, `json`), the verbosity
 * at most 2147483647 (klog keeps it in an int32) and not negative (the flag is unsigned upstream).
 * @example
 * validateLogs({ verbosity: 0, format: 'xml' })
 * // [{ path: '--logging-format', message: 'format: Invalid value: "xml": Unsupported log format' }]
 */
export const validateLogs = (o: LogsOptions): ReadonlyArray<Problem> => [
  ...(LoggingFormat.is(o.format)
    ? []
    : [flagProblem('logging-format', `format: Invalid value: ${goQuote(o.format)}: Unsupported log format`)]),
  ...(o.verbosity > 2 ** 31 - 1 ? [flagProblem('v', `verbosity: Invalid value: ${o.verbosity}: Must be <= 2147483647`)] : []),
  ...(o.verbosity < 0
    ? [
        flagProblem(
          'v',
          `invalid argument "${o.verbosity}" for "-v, --v" flag: strconv.ParseUint: parsing "${o.verbosity}": invalid syntax`,
        ),
      ]
    : []),
]
