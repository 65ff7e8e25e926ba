// Spec support: an inspector that records the commands it is sent, and a wait for a fake clock's timer.
import * as E from 'fp-ts/lib/Either.js'
import type { FakeClock } from '../../../src/core/index.js'
import type { OpenInspector } from '../../../src/lifecycle/profiling/inspector-session.js'

/** What a fake inspector was asked, in order (`disconnect` included), and how to open it. */
export interface FakeInspector {
  readonly calls: string[]
  readonly open: OpenInspector
}

/** The profile a fake `stop` answers. */
export const fakeProfile = { nodes: [{ id: 1 }], samples: [1], timeDeltas: [0], startTime: 0, endTime: 1 }

/** Records every command; `refuse` names a command answered with an error. */
export const fakeInspector = (refuse?: string): FakeInspector => {
  const calls: string[] = []
  const open: OpenInspector = () =>
    E.right({
      post: (method) => {
        calls.push(method)
        if (method === refuse) return Promise.resolve(E.left(`${method} refused`))
        return Promise.resolve(E.right(method.includes('stop') ? { profile: fakeProfile } : {}))
      },
      disconnect: () => void calls.push('disconnect'),
    })
  return { calls, open }
}

/** Resolves once `clock` has a timer pending (the recording started and waits), turning the event loop meanwhile. */
export const untilWaiting = async (clock: FakeClock): Promise<void> => {
  for (let i = 0; i < 1000 && clock.pending() === 0; i++) await new Promise((r) => setImmediate(r))
  if (clock.pending() === 0) throw new Error('the recording never started waiting')
}
