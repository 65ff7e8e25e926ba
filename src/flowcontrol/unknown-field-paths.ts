import type * as t from 'io-ts'

interface Shape {
  readonly _tag?: string
  readonly type?: unknown
  readonly types?: ReadonlyArray<unknown>
  readonly props?: Readonly<Record<string, unknown>>
  readonly codomain?: unknown
}

/**
 * The paths of the fields of `value` that `codec` does not know (`spec.rules[0].subject`), as upstream's
 * strict decoding names them; io-ts itself keeps or strips such fields silently. Walks records
 * (`t.type`, `t.partial`, their intersections), arrays and string maps; other codecs end the walk.
 * @example
 * unknownFieldPaths(t.type({ a: t.string }), { a: 'x', b: 1 }) // ['b']
 */
export const unknownFieldPaths = (codec: t.Decoder<unknown, unknown>, value: unknown, path = ''): ReadonlyArray<string> => {
  const shape = unwrap(codec as unknown as Shape)
  if (shape._tag === 'ReadonlyArrayType' || shape._tag === 'ArrayType')
    return Array.isArray(value)
      ? value.flatMap((v, i) => unknownFieldPaths(shape.type as t.Decoder<unknown, unknown>, v, `${path}[${i}]`))
      : []
  if (shape._tag === 'DictionaryType' && isRecord(value))
    return Object.entries(value).flatMap(([k, v]) => unknownFieldPaths(shape.codomain as t.Decoder<unknown, unknown>, v, join(path, k)))
  const props = propsOf(shape)
  if (props === undefined || !isRecord(value)) return []
  return Object.entries(value).flatMap(([k, v]) => {
    const field = Object.hasOwn(props, k) ? props[k] : undefined
    return field === undefined ? [join(path, k)] : unknownFieldPaths(field as t.Decoder<unknown, unknown>, v, join(path, k))
  })
}

const unwrap = (shape: Shape): Shape => {
  let s = shape
  while ((s._tag === 'ReadonlyType' || s._tag === 'ExactType') && s.type !== undefined) s = s.type as Shape
  return s
}

/** The known fields of a record codec (merged over an intersection's members), or undefined for any other codec. */
const propsOf = (shape: Shape): Readonly<Record<string, unknown>> | undefined => {
  if (shape._tag === 'InterfaceType' || shape._tag === 'PartialType') return shape.props
  if (shape._tag !== 'IntersectionType') return undefined
  const members = (shape.types ?? []).map((m) => propsOf(unwrap(m as Shape)))
  return members.every((m) => m !== undefined) ? Object.assign({}, ...members) : undefined
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`)
