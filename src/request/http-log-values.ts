import * as O from 'fp-ts/lib/Option.js'
import { type Request, attr, get } from '../core/index.js'

/** Extra key/values for the request's `HTTP` log line, in the order they were added. */
export interface HttpLogValues {
  readonly pairs: Array<readonly [string, unknown]>
}

/** The request's HTTP log values; set by `http-logging` when it is enabled. */
export const httpLogValuesKey = attr<HttpLogValues>('HttpLogValues')

/**
 * Adds a key/value to the request's `HTTP` log line (upstream `httplog.AddKeyValue`, used for `apf_pl`,
 * `apf_fs`, `fl_<filter>`, ...); does nothing when HTTP logging is off.
 * @example
 * addHttpLogKeyValue(req, 'apf_pl', 'workload-low')
 */
export const addHttpLogKeyValue = (req: Request, key: string, value: unknown): void => {
  const values = get(req, httpLogValuesKey)
  if (O.isSome(values)) values.value.pairs.push([key, value])
}
