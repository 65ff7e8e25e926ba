import * as E from 'fp-ts/lib/Either.js'
import type { Handler } from '../../core/handler.js'
import { queryValue } from '../../core/query.js'
import { type HttpResponse, bytes } from '../../core/response.js'
import { newSeatCounter } from '../../sync/seat-counter.js'
import { CpuProfile } from './cpu-profile.js'
import { toPprof } from './pprof-format.js'
import { cpuProfileSeconds } from './profile-seconds.js'
import type { ProfilingDeps, ProfilingOptions } from './profiling-options.js'
import { attachmentHeaders, clientGone, pprofError } from './pprof-responses.js'
import { type Recorded, cpuRecording, recordProfile } from './record-profile.js'

/** Go's refusal of a second CPU profile while one runs (`runtime/pprof.StartCPUProfile`). */
export const cpuProfileBusy = 'Could not enable CPU profiling: cpu profiling already in use'

const profileHeaders = attachmentHeaders('application/json', 'profile.cpuprofile')
const pprofHeaders = attachmentHeaders('application/octet-stream', 'profile.pb.gz')

/** How the profile is answered: Chrome DevTools' `.cpuprofile` JSON, or pprof's gzipped protobuf. */
type Format = 'cpuprofile' | 'pprof'

/**
 * `/debug/pprof/profile?seconds=N` (Go's `pprof.Profile`): records V8's CPU profile for N seconds (30 when
 * N is missing, not an integer or not positive; more than `maxSeconds` is a 400) and answers it as a
 * Chrome DevTools `.cpuprofile` (JSON, `Content-Disposition: attachment; filename="profile.cpuprofile"`).
 * With `format=pprof` the same profile is answered in pprof's format (`profile.pb.gz`, gzipped protobuf,
 * for `go tool pprof`). One profile at a time, as Go: a second request meanwhile is refused with Go's 500.
 * A client that goes away stops the recording at once.
 * @example
 * const handler = cpuProfileHandler(profilingDeps(systemClock, stderrLogger), profilingDefaults)
 */
export const cpuProfileHandler = (deps: ProfilingDeps, opts: ProfilingOptions): Handler => {
  const seat = newSeatCounter(1)
  return async (req) => {
    const seconds = cpuProfileSeconds(queryValue(req, 'seconds'), opts.maxSeconds)
    if (E.isLeft(seconds)) return pprofError(400, seconds.left)
    const format: Format = queryValue(req, 'format') === 'pprof' ? 'pprof' : 'cpuprofile'
    if (!seat.tryAcquire()) return pprofError(500, cpuProfileBusy)
    try {
      const recorded = await recordProfile(deps.openInspector, deps.clock, cpuRecording, seconds.right * 1000, req.cancel)
      return answer(recorded, format, deps.clock.now())
    } finally {
      seat.release()
    }
  }
}

const answer = (r: Recorded, format: Format, nowMs: number): HttpResponse => {
  switch (r._tag) {
    case 'Profile':
      return format === 'pprof' ? pprof(r.profile, nowMs) : bytes(200, JSON.stringify(r.profile), profileHeaders)
    case 'Cancelled':
      return clientGone()
    default:
      return pprofError(500, `Could not enable CPU profiling: ${r.reason}`)
  }
}

const pprof = (profile: unknown, nowMs: number): HttpResponse => {
  const decoded = CpuProfile.decode(profile)
  return E.isLeft(decoded)
    ? pprofError(500, 'Could not convert the CPU profile: not a V8 CPU profile')
    : bytes(200, toPprof(decoded.right, nowMs), pprofHeaders)
}
