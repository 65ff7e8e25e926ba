import { type MiddleMemo, middleMemo } from './middle-memo.js'
import { quote, quoteMemo } from './quote-json.js'

/** What an event encoder remembers from event to event; `plainMemory` remembers nothing. */
export interface EncoderMemory {
  /** `quote` for strings that come again (verbs, annotation keys and values). */
  readonly text: (s: string) => string
  /** `quote` for timestamps: the same one comes for every event of a millisecond. */
  readonly time: (s: string) => string
  /** The middles of recent requests, by target. */
  readonly middles: MiddleMemo | undefined
  /** The JSON of annotations, by `write`, or the one of the last annotations when these have the same keys and values in the same order. */
  readonly annotations: (m: Readonly<Record<string, string>>, write: (m: Readonly<Record<string, string>>) => string) => string
}

/** Remembers nothing: every string is quoted and every part written afresh. */
export const plainMemory: EncoderMemory = { text: quote, time: quote, middles: undefined, annotations: (m, write) => write(m) }

/**
 * The memory of one encoder (one backend's): bounded memos of repeated strings and of middles, and the
 * last timestamp and annotations it wrote. What it gives back is what it would write afresh.
 * @example
 * const memory = encoderMemory()
 */
export const encoderMemory = (): EncoderMemory => {
  let lastTime = ''
  let lastTimeJson = '""'
  let keys: ReadonlyArray<string> = []
  let values: ReadonlyArray<string> = []
  let json = '{}' // the JSON of no annotations, which `keys` and `values` start as
  return {
    text: quoteMemo(),
    time: (s) => (s === lastTime ? lastTimeJson : ((lastTime = s), (lastTimeJson = quote(s)))),
    middles: middleMemo(),
    annotations: (m, write) => {
      const ks = Object.keys(m)
      if (sameEntries(ks, m, keys, values)) return json
      keys = ks
      values = ks.map((k) => m[k] as string)
      json = write(m)
      return json
    },
  }
}

const sameEntries = (
  ks: ReadonlyArray<string>,
  m: Readonly<Record<string, string>>,
  keys: ReadonlyArray<string>,
  values: ReadonlyArray<string>,
): boolean => {
  if (ks.length !== keys.length) return false
  for (let i = 0; i < ks.length; i++) if (ks[i] !== keys[i] || m[ks[i] as string] !== values[i]) return false
  return true
}
