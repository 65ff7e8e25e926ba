import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ageSince, humanDuration } from '../../src/endpoints/human-duration.js'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

const human = suite('humanDuration')

// upstream's TestHumanDuration and TestHumanDurationBoundaries, in milliseconds
const table: ReadonlyArray<readonly [number, string]> = [
  [s, '1s'],
  [70 * s, '70s'],
  [190 * s, '3m10s'],
  [70 * m, '70m'],
  [47 * h, '47h'],
  [49 * h, '2d1h'],
  [(8 * 24 + 2) * h, '8d'],
  [367 * d, '367d'],
  [(365 * 2 * 24 + 25) * h, '2y1d'],
  [(365 * 8 * 24 + 2) * h, '8y'],
  [-2 * s, '<invalid>'],
  [-2 * s + 1, '0s'],
  [0, '0s'],
  [s - 1, '0s'],
  [2 * m - 1, '119s'],
  [2 * m, '2m'],
  [2 * m + s, '2m1s'],
  [10 * m - 1, '9m59s'],
  [10 * m, '10m'],
  [10 * m + s, '10m'],
  [3 * h - 1, '179m'],
  [3 * h, '3h'],
  [3 * h + m, '3h1m'],
  [8 * h - 1, '7h59m'],
  [8 * h, '8h'],
  [8 * h + 59 * m, '8h'],
  [2 * d - 1, '47h'],
  [2 * d, '2d'],
  [2 * d + h, '2d1h'],
  [8 * d - 1, '7d23h'],
  [8 * d, '8d'],
  [8 * d + 23 * h, '8d'],
  [2 * 365 * d - 1, '729d'],
  [2 * 365 * d, '2y'],
  [2 * 365 * d + 23 * h, '2y'],
  [2 * 365 * d + 23 * h + 59 * m, '2y'],
  [2 * 365 * d + d - 1, '2y'],
  [2 * 365 * d + d, '2y1d'],
  [3 * 365 * d, '3y'],
  [7 * 365 * d, '7y'],
  [8 * 365 * d - 1, '7y364d'],
  [8 * 365 * d, '8y'],
  [8 * 365 * d + 364 * d, '8y'],
  [9 * 365 * d, '9y'],
]

human('matches upstream test table, boundaries included', () => {
  for (const [ms, want] of table) assert.is(humanDuration(ms), want, `${ms} ms`)
})
human.run()

const age = suite('ageSince')
age('counts from the creation timestamp to now', () => {
  assert.is(ageSince('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:03:10Z')), '3m10s')
})
age('is <invalid> for a creation time 2s or more in the future', () => {
  assert.is(ageSince('2026-01-01T00:00:05Z', Date.parse('2026-01-01T00:00:00Z')), '<invalid>')
})
age('is <unknown> without a creation timestamp', () => {
  assert.is(ageSince(undefined, 0), '<unknown>')
  assert.is(ageSince('', 0), '<unknown>')
  assert.is(ageSince('not a time', 0), '<unknown>')
})
age.run()
