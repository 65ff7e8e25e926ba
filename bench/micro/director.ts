// Micro-benchmark: director dispatches per second with 1, 1,000 and 10,000 registered routes, as mux
// routes (half exact, half prefix) and as web services, hitting routes spread across the set. Only the
// routing is timed: the director picks the handler and gets its Task; the Task is not run. Run with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/director.js
import * as E from 'fp-ts/lib/Either.js'
import { type Handler, type Request, constant, newRequest, parseTarget, text } from '../../src/core/index.js'
import {
  type MuxSource,
  type PathMux,
  type WebService,
  director,
  handle,
  handlePrefix,
  newMuxRef,
  newPathMux,
} from '../../src/director/index.js'

const SIZES = [1, 1_000, 10_000] as const
const HITS = 1_024
const PASS_CALLS = 400_000
const PASSES = 7

const ok: Handler = constant(text(200, 'ok'))
const miss: Handler = constant(text(404, 'miss'))

const toRequest = (url: string): Request => {
  const target = parseTarget(url)
  if (E.isLeft(target)) throw new Error(target.left)
  return newRequest({ method: 'GET', target: target.right, headers: {} })
}

/** Route i: even routes are exact, odd routes are prefixes (hit one level below). */
const routeMux = (n: number): PathMux => {
  let mux = newPathMux()
  for (let i = 0; i < n; i++) {
    const edit = i % 2 === 0 ? handle(`/apis/group${i}.example.io/v1`, ok) : handlePrefix(`/logs/node${i}/`, ok)
    const next = edit(mux)
    if (E.isLeft(next)) throw new Error(`registration ${i} refused`)
    mux = next.right
  }
  return mux
}

const routeHits = (n: number): ReadonlyArray<Request> =>
  Array.from({ length: HITS }, (_, k) => {
    const i = Math.floor((k * n) / HITS) % n
    return toRequest(i % 2 === 0 ? `/apis/group${i}.example.io/v1` : `/logs/node${i}/var/log/syslog`)
  })

const services = (n: number): ReadonlyArray<WebService> =>
  Array.from({ length: n }, (_, i) => ({ root: `/apis/group${i}.example.io/v1`, handler: ok }))

const serviceHits = (n: number): ReadonlyArray<Request> =>
  Array.from({ length: HITS }, (_, k) => toRequest(`/apis/group${Math.floor((k * n) / HITS) % n}.example.io/v1/namespaces/default/widgets`))

const misses = (): ReadonlyArray<Request> =>
  Array.from({ length: HITS }, (_, k) => toRequest(`/apis/unknown${k}.example.io/v1/namespaces/default/widgets`))

let sink = 0

/** Calls `h` PASS_CALLS times over `reqs`; answers dispatches per second. */
const pass = (h: Handler, reqs: ReadonlyArray<Request>): number => {
  const start = process.hrtime.bigint()
  for (let c = 0; c < PASS_CALLS; c++) if (h(reqs[c & (HITS - 1)] as Request) !== undefined) sink++
  return PASS_CALLS / (Number(process.hrtime.bigint() - start) / 1e9)
}

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number

interface Row {
  readonly label: string
  readonly routes: number
  readonly perSecond: number
  readonly min: number
  readonly max: number
}

const measure = (label: string, routes: number, h: Handler, reqs: ReadonlyArray<Request>): Row => {
  for (let w = 0; w < 3; w++) pass(h, reqs)
  const runs = Array.from({ length: PASSES }, () => pass(h, reqs))
  return { label, routes, perSecond: median(runs), min: Math.min(...runs), max: Math.max(...runs) }
}

const viaDirector = (mux: MuxSource, svc: ReadonlyArray<WebService> = []): Handler => director({ services: svc, mux, delegate: miss })

const rows = (): ReadonlyArray<Row> => {
  const out: Array<Row> = [measure('baseline: the handler itself', 0, ok, routeHits(1))]
  for (const n of SIZES) out.push(measure('mux routes (exact + prefix)', n, viaDirector(routeMux(n)), routeHits(n)))
  out.push(measure('mux routes in a MuxRef', 1_000, viaDirector(newMuxRef(routeMux(1_000))), routeHits(1_000)))
  for (const n of SIZES) out.push(measure('web services', n, viaDirector(newPathMux(), services(n)), serviceHits(n)))
  out.push(measure('miss to delegate (10,000 + 10,000)', 20_000, viaDirector(routeMux(10_000), services(10_000)), misses()))
  return out
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')

const print = (table: ReadonlyArray<Row>): void => {
  console.log(`Director dispatch (routing only), median of ${PASSES} passes of ${fmt(PASS_CALLS)} calls over ${HITS} paths\n`)
  console.log('| case | routes | dispatches/s | ns/dispatch | min–max /s |')
  console.log('|---|---:|---:|---:|---:|')
  for (const r of table) {
    console.log(`| ${r.label} | ${fmt(r.routes)} | ${fmt(r.perSecond)} | ${(1e9 / r.perSecond).toFixed(0)} | ${fmt(r.min)}–${fmt(r.max)} |`)
  }
}

print(rows())
if (sink === 0) console.log('(nothing dispatched)')
