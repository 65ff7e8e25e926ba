/** One string value found in DER: its universal tag number and its text. */
export interface DerString {
  readonly tag: number
  readonly text: string
}

const PRINTABLE_STRING = 0x13
const UTF8_STRING = 0x0c
const IA5_STRING = 0x16
const stringTags = new Set([PRINTABLE_STRING, UTF8_STRING, IA5_STRING])

/** Every PrintableString, UTF8String and IA5String in a DER value, walking into every constructed value. */
export const derStrings = (der: Uint8Array): DerString[] => {
  const found: DerString[] = []
  walk(der, 0, der.length, found)
  return found
}

/** Characters ASN.1 allows in a PrintableString (X.680 41.4), the set Go's x509 parser enforces. */
export const isPrintableString = (text: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)

export const printableStringTag = PRINTABLE_STRING
export const utf8StringTag = UTF8_STRING

const walk = (der: Uint8Array, start: number, end: number, found: DerString[]): void => {
  let at = start
  while (at < end) {
    const tag = der[at] as number
    const { length, headerEnd } = readLength(der, at + 1)
    const contentEnd = headerEnd + length
    if (contentEnd > end) throw new Error(`DER value at ${at} overruns its parent (${contentEnd} > ${end})`)
    if ((tag & 0x20) !== 0) walk(der, headerEnd, contentEnd, found)
    else if (stringTags.has(tag)) found.push({ tag, text: Buffer.from(der.subarray(headerEnd, contentEnd)).toString('latin1') })
    else if (tag === 0x03 && length > 1 && der[headerEnd] === 0 && looksLikeDer(der, headerEnd + 1, contentEnd))
      walk(der, headerEnd + 1, contentEnd, found)
    at = contentEnd
  }
}

const readLength = (der: Uint8Array, at: number): { length: number; headerEnd: number } => {
  const first = der[at] as number
  if (first < 0x80) return { length: first, headerEnd: at + 1 }
  const count = first & 0x7f
  let length = 0
  for (let i = 1; i <= count; i++) length = length * 256 + (der[at + i] as number)
  return { length, headerEnd: at + 1 + count }
}

/** Whether a BIT STRING's content parses as one DER SEQUENCE (a wrapped public key, not a signature). */
const looksLikeDer = (der: Uint8Array, start: number, end: number): boolean => {
  if (der[start] !== 0x30 || start + 1 >= end) return false
  const { length, headerEnd } = readLength(der, start + 1)
  return headerEnd + length === end
}
