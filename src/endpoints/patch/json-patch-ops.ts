import * as E from 'fp-ts/lib/Either.js'
import { type JsonValue, isJsonObject } from '../json-value.js'
import { cloneJson, jsonEqual, setKey } from './json-text.js'

type Container = Record<string, JsonValue> | JsonValue[]
type Op = Readonly<Record<string, JsonValue>>
type Step = E.Either<string, void>

/** Options of `applyOperations`. */
export interface JsonPatchLimits {
  /**
   * The total bytes `copy` operations may add, as evanphx/json-patch's `AccumulatedCopySizeLimit`.
   * Upstream leaves it unlimited; a limit here keeps a patch of doubling copies from exhausting memory.
   */
  readonly maxCopyBytes: number
}

/** The default limits: copies may add up to 16 MiB. */
export const defaultJsonPatchLimits: JsonPatchLimits = { maxCopyBytes: 16 << 20 }

const missing = 'missing value'
const badIndex = 'invalid index referenced'

/**
 * Applies RFC 6902 operations to a document with the semantics of evanphx/json-patch v4 as upstream
 * vendors it, including its leniencies: `replace` of an absent object key adds it, negative array
 * indices count from the end, `add` without `value` adds null, a null value reads as absent. The Left
 * is that library's error text (`testing value /data/a failed: test failed`).
 * Port note: values compare as JSON values, so `1` and `1.0` are equal where Go compares their bytes.
 */
export const applyOperations = (
  doc: JsonValue,
  ops: ReadonlyArray<JsonValue>,
  limits: JsonPatchLimits = defaultJsonPatchLimits,
): E.Either<string, JsonValue> => {
  const root = { doc: cloneJson(doc) }
  const copied = { bytes: 0 }
  for (const raw of ops) {
    const op: Op = isJsonObject(raw) ? raw : {}
    const kind = typeof op['op'] === 'string' ? op['op'] : 'unknown'
    const step = run(kind, root, op, copied, limits)
    if (E.isLeft(step)) return step
  }
  return E.right(root.doc)
}

const run = (kind: string, root: { doc: JsonValue }, op: Op, copied: { bytes: number }, limits: JsonPatchLimits): Step => {
  const doc = root.doc as Container
  switch (kind) {
    case 'add':
      return add(doc, op)
    case 'remove':
      return remove(doc, op)
    case 'replace':
      return replace(root, op)
    case 'move':
      return move(doc, op)
    case 'test':
      return test(doc, op)
    case 'copy':
      return copy(doc, op, copied, limits)
    default:
      return E.left(`Unexpected kind: ${kind}`)
  }
}

const field = (op: Op, name: 'path' | 'from'): string | undefined => (typeof op[name] === 'string' ? (op[name] as string) : undefined)
const valueOf = (op: Op): JsonValue => op['value'] ?? null

const add = (doc: Container, op: Op): Step => {
  const path = field(op, 'path')
  if (path === undefined) return E.left(`add operation failed to decode path: ${missing}`)
  const at = findObject(doc, path)
  if (at === undefined) return E.left(`add operation does not apply: doc is missing path: "${path}": ${missing}`)
  return E.mapLeft((e: string) => `error in add for path: '${path}': ${e}`)(insert(at.con, at.key, valueOf(op)))
}

const remove = (doc: Container, op: Op): Step => {
  const path = field(op, 'path')
  if (path === undefined) return E.left(`remove operation failed to decode path: ${missing}`)
  const at = findObject(doc, path)
  if (at === undefined) return E.left(`remove operation does not apply: doc is missing path: "${path}": ${missing}`)
  return E.mapLeft((e: string) => `error in remove for path: '${path}': ${e}`)(del(at.con, at.key))
}

const replace = (root: { doc: JsonValue }, op: Op): Step => {
  const path = field(op, 'path')
  if (path === undefined) return E.left(`replace operation failed to decode path: ${missing}`)
  const value = valueOf(op)
  if (path === '') {
    if (typeof value !== 'object' || value === null) return E.left('replace operation value must be object or array: %!w(<nil>)')
    root.doc = cloneJson(value)
    return E.right(undefined)
  }
  const at = findObject(root.doc as Container, path)
  if (at === undefined) return E.left(`replace operation does not apply: doc is missing path: ${path}: ${missing}`)
  if (E.isLeft(get(at.con, at.key))) return E.left(`replace operation does not apply: doc is missing key: ${path}: ${missing}`)
  if (Array.isArray(at.con)) at.con[(index(at.con.length, at.key) as E.Right<number>).right] = value
  else setKey(at.con, at.key, value)
  return E.right(undefined)
}

const move = (doc: Container, op: Op): Step => {
  const from = field(op, 'from')
  if (from === undefined) return E.left(`move operation failed to decode from: operation, missing from field: ${missing}`)
  const src = findObject(doc, from)
  if (src === undefined) return E.left(`move operation does not apply: doc is missing from path: ${from}: ${missing}`)
  const val = get(src.con, src.key)
  if (E.isLeft(val)) return E.left(`error in move for path: '${src.key}': ${val.left}`)
  const removed = del(src.con, src.key)
  if (E.isLeft(removed)) return E.left(`error in move for path: '${src.key}': ${removed.left}`)
  const path = field(op, 'path')
  if (path === undefined) return E.left(`move operation failed to decode path: operation missing path field: ${missing}`)
  const dst = findObject(doc, path)
  if (dst === undefined) return E.left(`move operation does not apply: doc is missing destination path: ${path}: ${missing}`)
  return E.mapLeft((e: string) => `error in move for path: '${path}': ${e}`)(insert(dst.con, dst.key, val.right ?? null))
}

const test = (doc: Container, op: Op): Step => {
  const path = field(op, 'path')
  if (path === undefined) return E.left(`test operation failed to decode path: operation missing path field: ${missing}`)
  const failed = E.left(`testing value ${path} failed: test failed`)
  if (path === '') return jsonEqual(doc, op['value']) ? E.right(undefined) : failed
  const at = findObject(doc, path)
  if (at === undefined) return E.left(`test operation does not apply: is missing path: ${path}: ${missing}`)
  const val = get(at.con, at.key)
  if (E.isLeft(val)) return E.left(`error in test for path: '${path}': ${val.left}`)
  const expected = op['value'] ?? null
  if (val.right === undefined || val.right === null) return expected === null ? E.right(undefined) : failed
  return jsonEqual(val.right, expected) ? E.right(undefined) : failed
}

const copy = (doc: Container, op: Op, copied: { bytes: number }, limits: JsonPatchLimits): Step => {
  const from = field(op, 'from')
  if (from === undefined) return E.left(`copy operation failed to decode from: operation, missing from field: ${missing}`)
  const src = findObject(doc, from)
  if (src === undefined) return E.left(`copy operation does not apply: doc is missing from path: ${from}: ${missing}`)
  const val = get(src.con, src.key)
  if (E.isLeft(val)) return E.left(`error in copy for from: '${from}': ${val.left}`)
  const path = field(op, 'path')
  if (path === undefined) return E.left(`copy operation failed to decode path: ${missing}`)
  const dst = findObject(doc, path)
  if (dst === undefined) return E.left(`copy operation does not apply: doc is missing destination path: ${path}: ${missing}`)
  const value = val.right ?? null
  copied.bytes += Buffer.byteLength(JSON.stringify(value))
  if (copied.bytes > limits.maxCopyBytes) {
    return E.left(
      `Unable to complete the copy, the accumulated size increase of copy is ${copied.bytes}, exceeding the limit ${limits.maxCopyBytes}`,
    )
  }
  return E.mapLeft((e: string) => `error while adding value during copy: ${e}`)(insert(dst.con, dst.key, cloneJson(value)))
}

/** The container a path's last token lives in; the first token is skipped, as the library does. */
const findObject = (doc: Container, path: string): { con: Container; key: string } | undefined => {
  const split = path.split('/')
  if (split.length < 2 || typeof doc !== 'object' || doc === null) return undefined
  let con = doc
  for (const part of split.slice(1, -1)) {
    const next = get(con, decodeKey(part))
    if (E.isLeft(next) || next.right === undefined || next.right === null || typeof next.right !== 'object') return undefined
    con = next.right as Container
  }
  return { con, key: decodeKey(split[split.length - 1] as string) }
}

const decodeKey = (k: string): string => k.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'))

const atoi = (key: string): E.Either<string, number> =>
  /^[+-]?\d+$/.test(key) && Math.abs(Number(key)) <= Number.MAX_SAFE_INTEGER
    ? E.right(Number(key))
    : E.left(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`)

const index = (length: number, key: string): E.Either<string, number> => {
  const n = atoi(key)
  if (E.isLeft(n)) return n
  const i = n.right
  if (i < -length || i >= length) return E.left(`Unable to access invalid index: ${i}: ${badIndex}`)
  return E.right(i < 0 ? i + length : i)
}

const get = (con: Container, key: string): E.Either<string, JsonValue | undefined> => {
  if (!Array.isArray(con)) return E.right(Object.hasOwn(con, key) ? con[key] : undefined)
  return E.map((i: number) => con[i])(index(con.length, key))
}

const insert = (con: Container, key: string, value: JsonValue): Step => {
  if (!Array.isArray(con)) return E.right(setKey(con, key, value))
  if (key === '-') return E.right(void con.push(value))
  const n = atoi(key)
  if (E.isLeft(n)) return E.left(`value was not a proper array index: '${key}': ${n.left}`)
  const size = con.length + 1
  if (n.right >= size || n.right < -size) return E.left(`Unable to access invalid index: ${n.right}: ${badIndex}`)
  con.splice(n.right < 0 ? n.right + size : n.right, 0, value)
  return E.right(undefined)
}

const del = (con: Container, key: string): Step => {
  if (!Array.isArray(con)) {
    if (!Object.hasOwn(con, key)) return E.left(`Unable to remove nonexistent key: ${key}: ${missing}`)
    delete con[key]
    return E.right(undefined)
  }
  return E.map((i: number) => void con.splice(i, 1))(index(con.length, key))
}
