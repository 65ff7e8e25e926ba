import * as t from 'io-ts'

/** Where a profiled function is: its name, script URL and 0-based line and column (Chrome DevTools Protocol `CallFrame`). */
export const CallFrame = t.readonly(
  t.type({ functionName: t.string, scriptId: t.string, url: t.string, lineNumber: t.number, columnNumber: t.number }),
)
export type CallFrame = t.TypeOf<typeof CallFrame>

/** A node of the call tree (`Profiler.ProfileNode`): its id, frame and the ids of its callees. */
export const ProfileNode = t.readonly(
  t.intersection([t.type({ id: t.number, callFrame: CallFrame }), t.partial({ children: t.readonlyArray(t.number) })]),
)
export type ProfileNode = t.TypeOf<typeof ProfileNode>

/**
 * A V8 CPU profile as `Profiler.stop` gives it and Chrome DevTools reads it (`.cpuprofile`): the call
 * tree, the node sampled at each tick, the microseconds between ticks, and start and end in microseconds
 * of a monotonic clock.
 */
export const CpuProfile = t.readonly(
  t.type({
    nodes: t.readonlyArray(ProfileNode),
    startTime: t.number,
    endTime: t.number,
    samples: t.readonlyArray(t.number),
    timeDeltas: t.readonlyArray(t.number),
  }),
)
export type CpuProfile = t.TypeOf<typeof CpuProfile>
