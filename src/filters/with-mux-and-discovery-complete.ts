import { type Filter, type Step, attr, identity, put, step } from '../core/index.js'
import type { Latch } from '../sync/latch.js'

/**
 * Marks a request made before every known HTTP path was installed; the not-found handler then answers 503
 * instead of 404. Its value is upstream's `MuxAndDiscoveryInstallationNotComplete`.
 */
export const muxIncompleteKey = attr<string>('MuxAndDiscoveryIncomplete')

const marker = 'MuxAndDiscoveryInstallationNotComplete'

/**
 * Puts `muxIncompleteKey` on requests that arrive while the `MuxAndDiscoveryComplete` latch has not fired
 * (upstream `WithMuxAndDiscoveryComplete`), so clients such as the garbage collector never act on a 404
 * for a path that is merely not installed yet. Without a latch, or with one already fired (a latch never
 * unfires), it is the identity.
 * @example
 * const muxAndDiscoveryComplete = newLatch('MuxAndDiscoveryComplete')
 * const handler = withMuxAndDiscoveryComplete(muxAndDiscoveryComplete)(inner)
 */
export const withMuxAndDiscoveryComplete = (complete: Latch | undefined): Filter => {
  if (complete === undefined || complete.isFired()) return identity
  return (next) => (req) => (complete.isFired() ? next(req) : next(put(req, muxIncompleteKey, marker)))
}

/** The `mux-and-discovery-complete` step; provides `MuxAndDiscoveryIncomplete` (only while the latch is open). */
export const muxAndDiscoveryCompleteStep = (complete: Latch | undefined): Step =>
  step('mux-and-discovery-complete', withMuxAndDiscoveryComplete(complete), { provides: [muxIncompleteKey] })
