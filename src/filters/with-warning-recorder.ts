import type { Deps } from '../core/deps.js'
import type { Filter } from '../core/handler.js'
import { mapAnswer } from '../core/exit.js'
import { put } from '../core/request.js'
import type { HeaderValue, Response } from '../core/response.js'
import { type Step, step } from '../core/step.js'
import { type WarningRecorder, warningRecorderKey } from '../request/warnings.js'
import { type WarningHeaderList, newWarningHeaderList, warningLimits } from '../request/warning-header.js'

/**
 * Puts a deduplicating `Warning` recorder in the request (upstream `WithWarningRecorder`) and adds
 * what it recorded to the inner response as `Warning` headers (`299 <agent> "<text>"`, size-capped).
 * Port note: upstream writes into the live header map; here the warnings recorded until the inner
 * handler answers are added to its response (later ones are lost, as Go's headers after
 * `WriteHeader`), after any `Warning` values the handler set itself; once truncation started (which
 * deletes upstream's whole `Warning` header) they replace those values.
 * @example
 * const handler = withWarningRecorder(defaultDeps)((req) => {
 *   addWarning(req, '', 'v1beta1 is deprecated')
 *   return text(200, 'ok')
 * }) // answers with `warning: 299 - "v1beta1 is deprecated"`
 */
export const withWarningRecorder = (deps: Pick<Deps, 'log'>): Filter => {
  const onTruncate = (): void => deps.log({ level: 'error', msg: 'exceeded max warning header size, truncating' })
  return (next) => (req) => {
    const recording = newRecording(onTruncate)
    return mapAnswer(next, put(req, warningRecorderKey, recording), withRecorded, recording)
  }
}

/** A recorder that makes its header list on the first warning; `list` stays undefined for most requests. */
interface Recording extends WarningRecorder {
  list: WarningHeaderList | undefined
}

const newRecording = (onTruncate: () => void): Recording => {
  const recording: Recording = {
    list: undefined,
    add: (agent, text) => (recording.list ??= newWarningHeaderList(warningLimits, onTruncate)).add(agent, text),
  }
  return recording
}

/** The response with what `recording` holds (passed as `mapAnswer`'s context: no closure per request). */
const withRecorded = <R extends Response>(res: R, recording: Recording): R =>
  recording.list === undefined ? res : withWarnings(res, recording.list)

/** The `warning-recorder` step: provides `WarningRecorder`; runs inside `timeout` (reference §1.2). */
export const warningRecorderStep = (deps: Pick<Deps, 'log'>): Step =>
  step('warning-recorder', withWarningRecorder(deps), { provides: [warningRecorderKey], inside: ['timeout'] })

const withWarnings = <R extends Response>(res: R, list: WarningHeaderList): R => {
  const recorded = list.values()
  if (recorded.length === 0 && !list.truncating()) return res
  const values = list.truncating() ? recorded : [...asList(res.headers['warning']), ...recorded]
  const { warning: _dropped, ...others } = res.headers
  return { ...res, headers: values.length === 0 ? others : { ...others, warning: values } }
}

const asList = (v: HeaderValue | undefined): ReadonlyArray<string> => (v === undefined ? [] : typeof v === 'string' ? [v] : v)
