import * as E from 'fp-ts/lib/Either.js'
import type { CancelToken } from '../../core/cancel-token.js'
import type { Clock } from '../../core/clock.js'
import type { InspectorSession, OpenInspector } from './inspector-session.js'

/** The inspector commands that start and stop one kind of recording. */
export interface Recording {
  readonly enable: string
  readonly start: string
  readonly startParams?: object
  readonly stop: string
}

/** V8's CPU profiler (`Profiler` domain); its result is a `.cpuprofile`. */
export const cpuRecording: Recording = { enable: 'Profiler.enable', start: 'Profiler.start', stop: 'Profiler.stop' }

/**
 * V8's sampling heap profiler (`HeapProfiler` domain) at its default interval, keeping samples of objects
 * collected during the window so the profile shows what was allocated, not only what survived.
 */
export const heapSamplingRecording: Recording = {
  enable: 'HeapProfiler.enable',
  start: 'HeapProfiler.startSampling',
  startParams: { includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true },
  stop: 'HeapProfiler.stopSampling',
}

/** How a recording ended: not started (why), cut short by the client, failed to stop (why), or its profile. */
export type Recorded =
  | { readonly _tag: 'NotStarted'; readonly reason: string }
  | { readonly _tag: 'Cancelled' }
  | { readonly _tag: 'StopFailed'; readonly reason: string }
  | { readonly _tag: 'Profile'; readonly profile: unknown }

/**
 * Records for `ms` milliseconds, or until `cancel` fires, on a session of its own that is disconnected on
 * every path (which stops the profiler even if `stop` was refused). Never rejects.
 */
export const recordProfile = async (
  open: OpenInspector,
  clock: Clock,
  recording: Recording,
  ms: number,
  cancel: CancelToken,
): Promise<Recorded> => {
  const session = open()
  if (E.isLeft(session)) return { _tag: 'NotStarted', reason: session.left }
  const s = session.right
  const started = await start(s, recording)
  if (E.isLeft(started)) return (s.disconnect(), { _tag: 'NotStarted', reason: started.left })
  const waited = await waitFor(clock, ms, cancel)
  const stopped = await s.post(recording.stop)
  s.disconnect()
  if (waited === 'cancelled') return { _tag: 'Cancelled' }
  if (E.isLeft(stopped)) return { _tag: 'StopFailed', reason: stopped.left }
  return { _tag: 'Profile', profile: (stopped.right as { profile?: unknown }).profile }
}

const start = async (s: InspectorSession, r: Recording): Promise<E.Either<string, unknown>> => {
  const enabled = await s.post(r.enable)
  return E.isLeft(enabled) ? enabled : s.post(r.start, r.startParams)
}

/** Resolves after `ms` on `clock`, or as soon as `cancel` fires; the loser is unsubscribed. */
export const waitFor = (clock: Clock, ms: number, cancel: CancelToken): Promise<'elapsed' | 'cancelled'> =>
  new Promise((resolve) => {
    if (cancel.cancelled) return resolve('cancelled')
    let stopTimer = (): void => undefined
    const unsubscribe = cancel.onCancel(() => {
      stopTimer()
      resolve('cancelled')
    })
    stopTimer = clock.setTimer(() => {
      unsubscribe()
      resolve('elapsed')
    }, ms)
  })
