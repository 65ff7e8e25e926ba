import fc from 'fast-check'
import { Counter, Histogram, Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { localCounterVec, localHistogramVec } from '../../src/metrics/local-series.js'
import { scrape, seriesOf } from './scrape.js'

const c = suite('localCounterVec')

c('counts per label value; a scrape does not count twice; a series shows from its first count', async () => {
  const registry = new Registry()
  const vec = localCounterVec(registry, 'x_total', 'help', 'result')
  const a = vec.child('a')
  vec.child('never')
  a.inc()
  a.inc(2)
  assert.equal(seriesOf(await scrape(registry), 'x_total'), ['{"result":"a"} 3'])
  assert.equal(seriesOf(await scrape(registry), 'x_total'), ['{"result":"a"} 3'])
  vec.child('a').inc()
  vec.child('b').inc()
  assert.equal(seriesOf(await scrape(registry), 'x_total'), ['{"result":"a"} 4', '{"result":"b"} 1'])
})

c('without a label the one series shows 0 from the start', async () => {
  const registry = new Registry()
  const one = localCounterVec(registry, 'y_total', 'help').child('')
  assert.equal(seriesOf(await scrape(registry), 'y_total'), ['{} 0'])
  one.inc()
  assert.equal(seriesOf(await scrape(registry), 'y_total'), ['{} 1'])
})

c('resetMetrics starts the counts again from what comes after', async () => {
  const registry = new Registry()
  const a = localCounterVec(registry, 'z_total', 'help', 'result').child('a')
  a.inc(5)
  await scrape(registry)
  registry.resetMetrics()
  a.inc()
  assert.equal(seriesOf(await scrape(registry), 'z_total'), ['{"result":"a"} 1'])
})

const h = suite('localHistogramVec')
const buckets = [0.001, 0.002, 0.004, 0.5]

h('a value equal to a bound lands in that bound (le), larger than all in +Inf only', async () => {
  const registry = new Registry()
  const child = localHistogramVec(registry, 'd_seconds', 'help', 'result', buckets).child('ok')
  child.observe(0.002)
  child.observe(7)
  const json = (await registry.getMetricsAsJSON())[0]?.values.map((v) => [
    (v as { metricName?: string }).metricName,
    v.labels['le'],
    v.value,
  ])
  assert.equal(json, [
    ['d_seconds_bucket', 0.001, 0],
    ['d_seconds_bucket', 0.002, 1],
    ['d_seconds_bucket', 0.004, 1],
    ['d_seconds_bucket', 0.5, 1],
    ['d_seconds_bucket', '+Inf', 2],
    ['d_seconds_sum', undefined, 7.002],
    ['d_seconds_count', undefined, 2],
  ])
})

h("scrapes exactly as prom-client's own Histogram given the same observations, in text and in JSON", () =>
  fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.double({ min: 0, max: 2, noNaN: true })), { maxLength: 40 }),
      async (observations) => {
        const mine = new Registry()
        const theirs = new Registry()
        const local = localHistogramVec(mine, 'd_seconds', 'help', 'result', buckets)
        const oracle = new Histogram({
          name: 'd_seconds',
          help: 'help',
          labelNames: ['result'],
          buckets: [...buckets],
          registers: [theirs],
        })
        for (const [label, v] of observations) {
          local.child(label).observe(v)
          oracle.observe({ result: label }, v)
        }
        const sorted = (text: string) => text.split('\n').sort().join('\n')
        assert.is(sorted(await mine.metrics()), sorted(await theirs.metrics()))
        assert.equal(plain(await mine.getMetricsAsJSON()), plain(await theirs.getMetricsAsJSON()))
      },
    ),
  ),
)

/** The JSON without prom-client's `exemplar: null` on buckets (exemplars are off). */
const plain = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
  metrics.map((m) => ({
    ...m,
    values: m.values.map((v) => ({ metricName: (v as { metricName?: string }).metricName, labels: v.labels, value: v.value })),
  }))

h('resetMetrics empties the series', async () => {
  const registry = new Registry()
  localHistogramVec(registry, 'r_seconds', 'help', 'result', buckets).child('a').observe(0.1)
  registry.resetMetrics()
  assert.equal((await registry.getMetricsAsJSON())[0]?.values, [])
})

h('a name already registered is refused, as prom-client refuses it', () => {
  const registry = new Registry()
  new Counter({ name: 'taken', help: 'h', registers: [registry] })
  assert.throws(() => localHistogramVec(registry, 'taken', 'help', 'result', buckets), /already been registered/)
  assert.throws(() => localCounterVec(registry, 'taken', 'help'), /already been registered/)
})

c.run()
h.run()
