/**
 * `JSON.stringify` with Go's `encoding/json` escaping of `<`, `>`, `&`, U+2028 and U+2029, so Status
 * bodies are byte-identical to upstream's. `indent` gives `json.MarshalIndent(v, "", indent)`'s layout.
 */
export const goJson = (value: unknown, indent?: number): string => JSON.stringify(value, null, indent).replace(goEscapes, escapeOne)

const goEscapes = /[<>&\u2028\u2029]/g

const escapeOne = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
