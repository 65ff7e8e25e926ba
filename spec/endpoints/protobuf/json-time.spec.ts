import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatMicroTime, formatTime } from '../../../src/endpoints/protobuf/json-time.js'

const time = suite('formatTime')

time('RFC 3339 in UTC to the second', () => {
  assert.is(formatTime(1704164645), '2024-01-02T03:04:05Z')
  assert.is(formatTime(0), '1970-01-01T00:00:00Z')
  assert.is(formatTime(-1), '1969-12-31T23:59:59Z')
})

time('years outside 0..9999 as Go prints them', () => {
  assert.is(formatTime(253402300800), '10000-01-01T00:00:00Z')
  assert.is(formatTime(-62167219200), '0000-01-01T00:00:00Z')
  assert.is(formatTime(-62167219201), '-0001-12-31T23:59:59Z')
})

time("Go's zero time (JSON null) and times a Date cannot hold are undefined", () => {
  assert.is(formatTime(-62135596800), undefined)
  assert.is(formatTime(-62135596799), '0001-01-01T00:00:01Z')
  assert.is(formatTime(9e12), undefined)
})

const micro = suite('formatMicroTime')

micro('six fractional digits, nanoseconds cut toward zero', () => {
  assert.is(formatMicroTime(1704164645, 123456789), '2024-01-02T03:04:05.123456Z')
  assert.is(formatMicroTime(1704164645, 0), '2024-01-02T03:04:05.000000Z')
  assert.is(formatMicroTime(1704164645, 999), '2024-01-02T03:04:05.000000Z')
})

micro('negative or overflowing nanoseconds carry into the seconds, as time.Unix does', () => {
  assert.is(formatMicroTime(1704164645, -1500), '2024-01-02T03:04:04.999999Z')
  assert.is(formatMicroTime(1704164645, 1_500_000_000), '2024-01-02T03:04:06.500000Z')
  assert.is(formatMicroTime(-62135596800, 0), undefined)
  assert.is(formatMicroTime(-62135596800, 1000), '0001-01-01T00:00:00.000001Z')
})

time.run()
micro.run()
