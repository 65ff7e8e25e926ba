import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { Registry } from 'prom-client'
import { counterFamily, goFloat, histogramFamily, maxChildren, maxLabelValueLength, observeHistogram } from '../../src/metrics/families.js'
import { parseSamples, parseText } from '../support/scrape.js'

const floats = suite('goFloat')

floats('writes bounds as Go’s shortest %g: plain from 1e-4 to below 1e+06, an exponent outside', () => {
  assert.equal([0.005, 0.025, 1, 1.25, 60, 1000, 100000, 1e6, 1e9, 0.00001, 123456, 1234567].map(goFloat), [
    '0.005',
    '0.025',
    '1',
    '1.25',
    '60',
    '1000',
    '100000',
    '1e+06',
    '1e+09',
    '1e-05',
    '123456',
    '1.234567e+06',
  ])
  assert.is(goFloat(Number.POSITIVE_INFINITY), '+Inf')
})

const families = suite('families')

families('a histogram child is scraped with cumulative buckets, +Inf, sum and count, labels sorted', async () => {
  const registry = new Registry()
  const h = histogramFamily(registry, { name: 'h_seconds', help: 'help', stability: 'ALPHA', labelNames: ['verb', 'code'] }, [0.1, 1, 1e6])
  const cell = h.child(['GET', '200'])
  for (const v of [0.05, 0.1, 0.5, 2e6]) observeHistogram(cell, v)
  const text = await registry.metrics()
  const parsed = parseSamples(text)
  const buckets = parsed.find((f) => f.name === 'h_seconds_bucket')?.metrics.map((m) => [m.labels?.le, m.value])
  assert.equal(buckets, [
    ['0.1', '2'],
    ['1', '3'],
    ['1e+06', '3'],
    ['+Inf', '4'],
  ])
  assert.equal(Object.keys(parsed.find((f) => f.name === 'h_seconds_count')?.metrics[0]?.labels ?? {}), ['code', 'verb'])
  assert.is(Number(parsed.find((f) => f.name === 'h_seconds_sum')?.metrics[0]?.value), 2000000.65)
  assert.is(parseText(text)[0]?.help, '[ALPHA] help')
})

families('a child is made once per label set and reset forgets them all', async () => {
  const registry = new Registry()
  const c = counterFamily(registry, { name: 'c_total', help: 'h', stability: 'STABLE', labelNames: ['a'] })
  c.child(['x']).value += 1
  c.child(['x']).value += 1
  c.child(['y']).value += 1
  const values = () => registry.metrics().then((t) => parseText(t)[0]?.metrics.map((m) => [m.labels?.a, m.value]))
  assert.equal(await values(), [
    ['x', '2'],
    ['y', '1'],
  ])
  registry.resetMetrics()
  assert.equal(await values(), [])
})

families('label sets past maxChildren are counted in the one set labelled other', async () => {
  const registry = new Registry()
  const c = counterFamily(registry, { name: 'c_total', help: 'h', stability: 'ALPHA', labelNames: ['path', 'code'] })
  for (let i = 0; i < maxChildren + 10; i++) c.child([`/p${i}`, '504']).value += 1
  c.child(['/p0', '504']).value += 1
  const [family] = parseText(await registry.metrics())
  assert.is(family?.metrics.length, maxChildren + 1)
  const other = family?.metrics.find((m) => m.labels?.path === 'other')
  assert.equal(other?.labels, { code: 'other', path: 'other' })
  assert.is(other?.value, '10')
  assert.is(family?.metrics.find((m) => m.labels?.path === '/p0')?.value, '2')
})

families('a label value longer than maxLabelValueLength is other, the rest of the set kept', async () => {
  const registry = new Registry()
  const c = counterFamily(registry, { name: 'c_total', help: 'h', stability: 'ALPHA', labelNames: ['path', 'code'] })
  c.child([`/${'x'.repeat(maxLabelValueLength)}`, '504']).value += 1
  c.child([`/${'x'.repeat(maxLabelValueLength - 1)}`, '504']).value += 1
  const [family] = parseText(await registry.metrics())
  assert.equal(
    family?.metrics.map((m) => [m.labels?.path?.length, m.labels?.code]),
    [
      [maxLabelValueLength, '504'],
      [5, '504'],
    ],
  )
})

floats.run()
families.run()
