// Shared fast-check arbitraries of the request specs.
import fc from 'fast-check'

/**
 * Any code point, lone surrogates included, biased to ASCII. (fast-check's `unit: 'binary'` costs about
 * two seconds on first use here, so the full range is drawn by hand.)
 */
const anyChar = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
)

/** Any string of at most `maxLength` characters. */
export const anyString = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: anyChar, maxLength })
