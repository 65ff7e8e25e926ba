import { gzipSync } from 'node:zlib'
import protobuf from 'protobufjs/light.js'
import type { CpuProfile, ProfileNode } from './cpu-profile.js'

const repeated = (id: number, type: string) => ({ id, type, rule: 'repeated' })
const field = (id: number, type: string) => ({ id, type })

/** The messages of pprof's `profile.proto` (package `perftools.profiles`) that a CPU profile uses. */
const root = protobuf.Root.fromJSON({
  nested: {
    Profile: {
      fields: {
        sampleType: repeated(1, 'ValueType'),
        sample: repeated(2, 'Sample'),
        location: repeated(4, 'Location'),
        function: repeated(5, 'Function'),
        stringTable: repeated(6, 'string'),
        timeNanos: field(9, 'int64'),
        durationNanos: field(10, 'int64'),
        periodType: field(11, 'ValueType'),
        period: field(12, 'int64'),
      },
    },
    ValueType: { fields: { type: field(1, 'int64'), unit: field(2, 'int64') } },
    Sample: { fields: { locationId: repeated(1, 'uint64'), value: repeated(2, 'int64') } },
    Location: { fields: { id: field(1, 'uint64'), line: repeated(4, 'Line') } },
    Line: { fields: { functionId: field(1, 'uint64'), line: field(2, 'int64'), column: field(3, 'int64') } },
    Function: {
      fields: {
        id: field(1, 'uint64'),
        name: field(2, 'int64'),
        systemName: field(3, 'int64'),
        filename: field(4, 'int64'),
        startLine: field(5, 'int64'),
      },
    },
  },
})

/** pprof's `Profile` message type, to encode and (in specs and tools) decode. */
export const pprofProfile = root.lookupType('Profile')

/** V8's default CPU sampling interval, the profile's nominal period. */
const periodNanos = 1_000_000

/** Interns strings into pprof's string table; index 0 is the empty string, as the format requires. */
const stringTable = () => {
  const table = ['']
  const index = new Map<string, number>([['', 0]])
  const of = (s: string): number => {
    let i = index.get(s)
    if (i === undefined) {
      i = table.length
      table.push(s)
      index.set(s, i)
    }
    return i
  }
  return { table, of }
}

/**
 * A V8 CPU profile in pprof's format (`profile.proto`, gzipped), which `go tool pprof` and speedscope
 * open: sample types `samples/count` and `cpu/nanoseconds`, one location per call-tree node (its function,
 * 1-based line and column), each sample's stack from the sampled node up to the root, weighed by the time
 * until the next tick. `endEpochMs` dates the profile (V8's times are monotonic).
 */
export const toPprof = (profile: CpuProfile, endEpochMs: number): Uint8Array => {
  const strings = stringTable()
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const root = profile.nodes.find((n) => !parent.has(n.id))?.id
  const { functions, locations } = describeNodes(profile.nodes, strings.of)
  const durationNanos = Math.max(0, profile.endTime - profile.startTime) * 1000
  const message = pprofProfile.fromObject({
    sampleType: [
      { type: strings.of('samples'), unit: strings.of('count') },
      { type: strings.of('cpu'), unit: strings.of('nanoseconds') },
    ],
    sample: samples(profile, parent, root),
    location: locations,
    function: functions,
    stringTable: strings.table,
    timeNanos: endEpochMs * 1e6 - durationNanos,
    durationNanos,
    periodType: { type: strings.of('cpu'), unit: strings.of('nanoseconds') },
    period: periodNanos,
  })
  return gzipSync(pprofProfile.encode(message).finish())
}

/** One function per distinct (name, script, line), one location per node. */
const describeNodes = (nodes: ReadonlyArray<ProfileNode>, of: (s: string) => number) => {
  const functionIds = new Map<string, number>()
  const functions: object[] = []
  const locations = nodes.map((n) => {
    const f = n.callFrame
    const name = f.functionName === '' ? '(anonymous)' : f.functionName
    const key = `${name}\u0000${f.url}\u0000${f.lineNumber}`
    let id = functionIds.get(key)
    if (id === undefined) {
      id = functionIds.size + 1
      functionIds.set(key, id)
      functions.push({ id, name: of(name), systemName: of(name), filename: of(f.url), startLine: f.lineNumber + 1 })
    }
    return { id: n.id, line: [{ functionId: id, line: f.lineNumber + 1, column: f.columnNumber + 1 }] }
  })
  return { functions, locations }
}

/** Samples summed per sampled node: a count and the nanoseconds until the next tick (or the profile's end). */
const samples = (profile: CpuProfile, parent: ReadonlyMap<number, number>, root: number | undefined) => {
  const totals = new Map<number, { count: number; nanos: number }>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0
    const next = i + 1 < profile.samples.length ? at + (profile.timeDeltas[i + 1] ?? 0) : profile.endTime
    const sum = totals.get(id) ?? { count: 0, nanos: 0 }
    totals.set(id, { count: sum.count + 1, nanos: sum.nanos + Math.max(0, next - at) * 1000 })
  })
  return [...totals].map(([id, sum]) => ({ locationId: stack(id, parent, root), value: [sum.count, sum.nanos] }))
}

/** Node ids from `id` up to, not including, the root: pprof lists a stack leaf first. */
const stack = (id: number, parent: ReadonlyMap<number, number>, root: number | undefined): number[] => {
  const ids: number[] = []
  // bounded by the number of parents, so a malformed tree with a cycle still ends
  for (let n: number | undefined = id; n !== undefined && n !== root && ids.length <= parent.size; n = parent.get(n)) ids.push(n)
  return ids
}
