/**
 * The paths of keys that appear twice in the same JSON object (`metadata.name`, `items[0].a`), as
 * upstream's strict decoder reports them, in document order. Expects text `JSON.parse` accepted; it
 * reads strings and brackets only, so it never throws.
 * @example
 * duplicateFields('{"a":1,"a":2}') // ['a']
 */
export const duplicateFields = (text: string): ReadonlyArray<string> => {
  const found: string[] = []
  const stack: Frame[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === '"') {
      const end = stringEnd(text, i)
      onString(text.slice(i, end + 1), stack, text, end + 1, found)
      i = end + 1
      continue
    }
    if (c === '{' || c === '[') stack.push(openFrame(stack, c === '{'))
    else if (c === '}' || c === ']') stack.pop()
    else if (c === ',') nextItem(stack)
    i += 1
  }
  return found
}

interface Frame {
  readonly object: boolean
  readonly path: string
  readonly keys: Set<string>
  key: string
  index: number
}

const openFrame = (stack: Frame[], object: boolean): Frame => ({ object, path: pathOf(stack), keys: new Set(), key: '', index: 0 })

/** The path of the value being read in the innermost frame. */
const pathOf = (stack: Frame[]): string => {
  const top = stack[stack.length - 1]
  if (top === undefined) return ''
  if (!top.object) return `${top.path}[${top.index}]`
  return top.path === '' ? top.key : `${top.path}.${top.key}`
}

const nextItem = (stack: Frame[]): void => {
  const top = stack[stack.length - 1]
  if (top !== undefined && !top.object) top.index += 1
}

/** A string is a key when it is in an object and followed by `:`. */
const onString = (literal: string, stack: Frame[], text: string, after: number, found: string[]): void => {
  const top = stack[stack.length - 1]
  if (top === undefined || !top.object) return
  let j = after
  while (j < text.length && /\s/.test(text[j] as string)) j += 1
  if (text[j] !== ':') return
  const key = JSON.parse(literal) as string
  top.key = key
  if (top.keys.has(key)) found.push(pathOf(stack))
  else top.keys.add(key)
}

const stringEnd = (text: string, start: number): number => {
  let i = start + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return Math.min(i, text.length - 1)
}
