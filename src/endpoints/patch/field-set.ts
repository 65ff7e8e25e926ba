import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'

/**
 * A field path as `FieldsV1` writes its elements: `f:<field>`, `k:<json of the key fields>` for an item
 * of a map list, `v:<json value>` for an item of a set list, `i:<index>` for a positional item.
 */
export type FieldPath = ReadonlyArray<string>

/** A set of field paths (structured-merge-diff's `fieldpath.Set`), keyed by the path's JSON. */
export type FieldSet = ReadonlyMap<string, FieldPath>

/** The empty set. */
export const emptySet: FieldSet = new Map()

/** A set of the given paths. */
export const setOf = (paths: Iterable<FieldPath>): FieldSet => new Map([...paths].map((p) => [JSON.stringify(p), p]))

/** The paths in either set. */
export const union = (a: FieldSet, b: FieldSet): FieldSet => new Map([...a, ...b])

/** The paths of `a` not in `b`. */
export const difference = (a: FieldSet, b: FieldSet): FieldSet => new Map([...a].filter(([k]) => !b.has(k)))

/** The paths in both sets. */
export const intersection = (a: FieldSet, b: FieldSet): FieldSet => new Map([...a].filter(([k]) => b.has(k)))

/** The paths of a set that are not `prefix` itself nor below it. */
export const withoutPrefix = (s: FieldSet, prefix: FieldPath): FieldSet => new Map([...s].filter(([, p]) => !startsWith(p, prefix)))

/** Whether `p` is `prefix` or lies below it. */
export const startsWith = (p: FieldPath, prefix: FieldPath): boolean => prefix.length <= p.length && prefix.every((e, i) => p[i] === e)

interface Node {
  member: boolean
  readonly children: Map<string, Node>
}

const kindOrder = (k: string): number => ['f', 'k', 'v', 'i'].indexOf(k.slice(0, 1))
const compareKeys = (a: string, b: string): number => kindOrder(a) - kindOrder(b) || (a < b ? -1 : a > b ? 1 : 0)

/** The set as `FieldsV1` JSON: `{"f:data":{".":{},"f:a":{}}}`, `.` marking a member that has children. */
export const toFieldsV1 = (s: FieldSet): JsonObject => {
  const root: Node = { member: false, children: new Map() }
  for (const p of s.values()) {
    let node = root
    for (const e of p) {
      const next = node.children.get(e) ?? { member: false, children: new Map() }
      node.children.set(e, next)
      node = next
    }
    node.member = true
  }
  return encodeNode(root)
}

const encodeNode = (n: Node): JsonObject => {
  const out: Record<string, JsonValue> = n.member && n.children.size > 0 ? { '.': {} } : {}
  for (const k of [...n.children.keys()].sort(compareKeys)) out[k] = encodeNode(n.children.get(k) as Node)
  return out
}

/** The paths of a `FieldsV1` JSON tree; an empty object is a member leaf, `.` makes its parent a member. */
export const fromFieldsV1 = (tree: JsonValue | undefined): FieldSet => {
  const out: FieldPath[] = []
  const walk = (node: JsonObject, path: FieldPath): void => {
    for (const [k, v] of Object.entries(node)) {
      if (k === '.') out.push(path)
      else if (isJsonObject(v) && Object.keys(v).length > 0) walk(v, [...path, k])
      else out.push([...path, k])
    }
  }
  if (isJsonObject(tree)) walk(tree, [])
  return setOf(out.filter((p) => p.length > 0))
}

/** A path as structured-merge-diff prints it in conflicts: `.data.a`, `.spec.ports[port=80,protocol="TCP"]`, `[="x"]`, `[0]`. */
export const pathString = (p: FieldPath): string => p.map(elementString).join('')

const elementString = (e: string): string => {
  const body = e.slice(2)
  if (e.startsWith('f:')) return `.${body}`
  if (e.startsWith('v:')) return `[=${body}]`
  if (e.startsWith('i:')) return `[${body}]`
  const key = parseKey(body)
  return `[${Object.keys(key)
    .map((k) => `${k}=${JSON.stringify(key[k])}`)
    .join(',')}]`
}

const parseKey = (json: string): JsonObject => {
  try {
    const v = JSON.parse(json) as unknown
    return isJsonObject(v) ? v : {}
  } catch {
    return {}
  }
}
