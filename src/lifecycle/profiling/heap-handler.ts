import * as E from 'fp-ts/lib/Either.js'
import type { Handler } from '../../core/handler.js'
import { queryValue } from '../../core/query.js'
import type { Request } from '../../core/request.js'
import { type HttpResponse, bytes, stream, withFinalizer } from '../../core/response.js'
import { type SeatCounter, newSeatCounter } from '../../sync/seat-counter.js'
import { windowSeconds } from './profile-seconds.js'
import type { ProfilingDeps, ProfilingOptions } from './profiling-options.js'
import { attachmentHeaders, clientGone, pprofError } from './pprof-responses.js'
import { heapSamplingRecording, recordProfile } from './record-profile.js'

/** The refusal of a second heap snapshot while one is written. */
export const heapSnapshotBusy = 'Could not write heap snapshot: heap snapshot already in progress'
/** The refusal of a second sampled heap profile while one runs. */
export const heapSamplingBusy = 'Could not enable heap profiling: heap profiling already in use'

const snapshotHeaders = attachmentHeaders('application/json', 'heap.heapsnapshot')
const samplingHeaders = attachmentHeaders('application/json', 'heap.heapprofile')

/**
 * `/debug/pprof/heap`: without `seconds`, a V8 heap snapshot streamed as a `.heapsnapshot` (taken when the
 * body is first read; it pauses the process while V8 walks the heap). With `?seconds=N` (Go's delta
 * profile), V8's sampling heap profile over N seconds as a `.heapprofile`; N must be a positive integer
 * up to `maxSeconds` (Go's 400 otherwise). Each kind runs one at a time; a second is refused with a 500.
 * @example
 * const handler = heapHandler(profilingDeps(systemClock, stderrLogger), profilingDefaults)
 */
export const heapHandler = (deps: ProfilingDeps, opts: ProfilingOptions): Handler => {
  const snapshots = newSeatCounter(1)
  const sampling = newSeatCounter(1)
  return (req) => {
    const seconds = queryValue(req, 'seconds')
    return seconds === undefined || seconds === '' ? snapshot(deps, snapshots) : sampled(deps, opts, sampling, req, seconds)
  }
}

/** The snapshot's seat is given back when the response ended on the wire (written, cut or dropped). */
const snapshot = (deps: ProfilingDeps, seat: SeatCounter): HttpResponse => {
  if (!seat.tryAcquire()) return pprofError(500, heapSnapshotBusy)
  return withFinalizer(stream(200, deps.heapSnapshot(), snapshotHeaders), () => seat.release())
}

const sampled = async (
  deps: ProfilingDeps,
  opts: ProfilingOptions,
  seat: SeatCounter,
  req: Request,
  raw: string,
): Promise<HttpResponse> => {
  const seconds = windowSeconds(raw, opts.maxSeconds)
  if (E.isLeft(seconds)) return pprofError(400, seconds.left)
  if (!seat.tryAcquire()) return pprofError(500, heapSamplingBusy)
  try {
    const r = await recordProfile(deps.openInspector, deps.clock, heapSamplingRecording, seconds.right * 1000, req.cancel)
    if (r._tag === 'Profile') return bytes(200, JSON.stringify(r.profile), samplingHeaders)
    return r._tag === 'Cancelled' ? clientGone() : pprofError(500, `Could not enable heap profiling: ${r.reason}`)
  } finally {
    seat.release()
  }
}
