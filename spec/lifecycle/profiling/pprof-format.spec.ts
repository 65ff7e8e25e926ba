import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { CpuProfile } from '../../../src/lifecycle/profiling/cpu-profile.js'
import { pprofProfile, toPprof } from '../../../src/lifecycle/profiling/pprof-format.js'

interface Decoded {
  readonly sampleType: ReadonlyArray<{ type: number; unit: number }>
  readonly sample: ReadonlyArray<{ locationId: number[]; value: number[] }>
  readonly location: ReadonlyArray<{ id: number; line: ReadonlyArray<{ functionId: number; line: number; column: number }> }>
  readonly function: ReadonlyArray<{ id: number; name: number; filename: number; startLine: number }>
  readonly stringTable: ReadonlyArray<string>
  readonly timeNanos: number
  readonly durationNanos: number
  readonly periodType: { type: number; unit: number }
  readonly period: number
}

const decode = (bytes: Uint8Array): Decoded =>
  pprofProfile.toObject(pprofProfile.decode(gunzipSync(bytes)), { longs: Number, defaults: true, arrays: true }) as Decoded

const frame = (functionName: string, lineNumber: number, url = 'file:///app.js') => ({
  functionName,
  scriptId: '1',
  url,
  lineNumber,
  columnNumber: 4,
})

/** root → main → (work, anonymous) ; samples: work, work, anonymous, main */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', -1, ''), children: [2] },
    { id: 2, callFrame: frame('main', 0), children: [3, 4] },
    { id: 3, callFrame: frame('work', 9) },
    { id: 4, callFrame: frame('', 19) },
  ],
  startTime: 1_000,
  endTime: 5_000,
  samples: [3, 3, 4, 2],
  timeDeltas: [500, 1000, 1000, 1000],
}

const pprof = suite('toPprof')

pprof("declares pprof's CPU sample types and period, the first string empty", () => {
  const p = decode(toPprof(profile, 10_000))
  const s = (i: number) => p.stringTable[i]
  assert.is(p.stringTable[0], '')
  assert.equal(
    p.sampleType.map((t) => `${s(t.type)}/${s(t.unit)}`),
    ['samples/count', 'cpu/nanoseconds'],
  )
  assert.is(`${s(p.periodType.type)}/${s(p.periodType.unit)}`, 'cpu/nanoseconds')
  assert.is(p.period, 1_000_000)
})

pprof('dates the profile from its end and gives its duration in nanoseconds', () => {
  const p = decode(toPprof(profile, 10_000))
  assert.is(p.durationNanos, 4_000_000)
  assert.is(p.timeNanos, 10_000 * 1e6 - 4_000_000)
})

pprof('each sampled node is one sample: stack leaf first without the root, counted and timed to the next tick', () => {
  const p = decode(toPprof(profile, 10_000))
  const byLeaf = new Map(p.sample.map((x) => [x.locationId[0], x]))
  assert.equal(byLeaf.get(3), { locationId: [3, 2], value: [2, 2_000_000] })
  assert.equal(byLeaf.get(4), { locationId: [4, 2], value: [1, 1_000_000] })
  assert.equal(byLeaf.get(2), { locationId: [2], value: [1, 500_000] }) // the last tick is timed to the profile's end
  assert.is(p.sample.length, 3)
})

pprof('locations name their function, file and 1-based line; an unnamed function is (anonymous)', () => {
  const p = decode(toPprof(profile, 10_000))
  const fn = new Map(p.function.map((f) => [f.id, f]))
  const describe = (locationId: number) => {
    const line = p.location.find((l) => l.id === locationId)?.line[0]
    const f = line === undefined ? undefined : fn.get(line.functionId)
    return f === undefined || line === undefined
      ? undefined
      : `${p.stringTable[f.name]} ${p.stringTable[f.filename]}:${line.line}:${line.column}`
  }
  assert.is(describe(3), 'work file:///app.js:10:5')
  assert.is(describe(4), '(anonymous) file:///app.js:20:5')
  assert.is(describe(2), 'main file:///app.js:1:5')
})

pprof('any tree of samples converts, every count is kept, every stack ends below the root', () => {
  const tree = fc
    .integer({ min: 1, max: 30 })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.nat(n - 1), { minLength: n - 1, maxLength: n - 1 }),
        fc.array(fc.integer({ min: 2, max: n + 1 }), { maxLength: 50 }),
      ),
    )
  fc.assert(
    fc.property(tree, ([n, parents, picks]) => {
      const children = new Map<number, number[]>()
      parents.forEach((p, i) => children.set(p + 1, [...(children.get(p + 1) ?? []), i + 2]))
      const nodes = Array.from({ length: n + 1 }, (_, i) => ({
        id: i + 1,
        callFrame: frame(`f${i}`, i),
        children: children.get(i + 1) ?? [],
      }))
      const samples = picks.filter((id) => id <= n + 1)
      const p = decode(toPprof({ nodes, startTime: 0, endTime: samples.length, samples, timeDeltas: samples.map(() => 1) }, 0))
      const counted = p.sample.reduce((sum, x) => sum + (x.value[0] ?? 0), 0)
      return counted === samples.length && p.sample.every((x) => x.locationId.length >= 1 && !x.locationId.includes(1))
    }),
  )
})

pprof.run()
