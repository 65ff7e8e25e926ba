import * as O from 'fp-ts/lib/Option.js'
import { attr } from '../core/attributes.js'
import { type Request, get } from '../core/request.js'

/** Collects `Warning` headers for the response (upstream `warning.Recorder`). */
export interface WarningRecorder {
  /** Records a warning: code 299, `agent` (`-` when empty) and `text`; invalid or repeated texts are dropped. */
  readonly add: (agent: string, text: string) => void
}

/** The request's warning recorder; set by `warning-recorder`. */
export const warningRecorderKey = attr<WarningRecorder>('WarningRecorder')

/** Adds a warning to the request's recorder; does nothing without one (upstream `warning.AddWarning`). */
export const addWarning = (req: Request, agent: string, text: string): void => {
  const recorder = get(req, warningRecorderKey)
  if (O.isSome(recorder)) recorder.value.add(agent, text)
}
