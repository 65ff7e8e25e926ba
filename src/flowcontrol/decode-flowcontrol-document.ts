import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { Problem } from '../config/problems.js'
import { defaultFlowSchema, defaultPriorityLevel } from './flowcontrol-defaults.js'
import { type FlowcontrolObject, FlowSchema, PriorityLevelConfiguration, flowcontrolV1 } from './flowcontrol-types.js'
import { validateFlowSchema, validatePriorityLevel } from './flowcontrol-validation.js'
import { unknownFieldPaths } from './unknown-field-paths.js'

const listKinds: Readonly<Record<string, string>> = {
  FlowSchemaList: 'FlowSchema',
  PriorityLevelConfigurationList: 'PriorityLevelConfiguration',
}

/**
 * Decodes one document (`at` names it in problems, e.g. `apf.yaml[2]`): a `flowcontrol.apiserver.k8s.io/v1`
 * FlowSchema or PriorityLevelConfiguration, their typed lists, or a `v1` `List` of them. Each object is
 * decoded strictly (unknown fields are problems), defaulted and validated as upstream; every problem of
 * every object is reported, one per field, named `<at> (<Kind> "<name>").<field>`.
 * @example
 * decodeFlowcontrolDocument({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'x' }, spec: { type: 'Limited', limited: { limitResponse: { type: 'Reject' } } } }, 'doc[0]')
 */
export const decodeFlowcontrolDocument = (doc: unknown, at: string): E.Either<ReadonlyArray<Problem>, ReadonlyArray<FlowcontrolObject>> => {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return E.left([{ path: at, message: `expected an object, got ${JSON.stringify(doc) ?? 'nothing'}` }])
  const { apiVersion, kind, items } = doc as { apiVersion?: unknown; kind?: unknown; items?: unknown }
  const listOf = typeof kind === 'string' && Object.hasOwn(listKinds, kind) ? listKinds[kind] : undefined
  if ((kind === 'List' && apiVersion === 'v1') || (listOf !== undefined && apiVersion === flowcontrolV1))
    return decodeItems(items, at, listOf)
  if ((kind === 'FlowSchema' || kind === 'PriorityLevelConfiguration') && apiVersion === flowcontrolV1)
    return E.map((o: FlowcontrolObject) => [o])(decodeObject(doc, kind, at))
  return E.left([
    {
      path: at,
      message: `unknown kind ${JSON.stringify(kind) ?? 'nothing'} of apiVersion ${JSON.stringify(apiVersion) ?? 'nothing'}, expected ${flowcontrolV1} FlowSchema, PriorityLevelConfiguration or their lists, or a v1 List`,
    },
  ])
}

const decodeItems = (
  items: unknown,
  at: string,
  only: string | undefined,
): E.Either<ReadonlyArray<Problem>, ReadonlyArray<FlowcontrolObject>> => {
  if (!Array.isArray(items))
    return E.left([{ path: `${at}.items`, message: `expected an array, got ${JSON.stringify(items) ?? 'nothing'}` }])
  const decoded = items.map((item: unknown, i) => {
    const kind = (item as { kind?: unknown } | null)?.kind
    return only !== undefined && kind !== only
      ? E.left([{ path: `${at}.items[${i}]`, message: `expected kind ${only}, got ${JSON.stringify(kind) ?? 'nothing'}` }])
      : decodeFlowcontrolDocument(item, `${at}.items[${i}]`)
  })
  const problems = decoded.flatMap((d) => (E.isLeft(d) ? d.left : []))
  return problems.length > 0 ? E.left(problems) : E.right(decoded.flatMap((d) => (E.isRight(d) ? d.right : [])))
}

const decodeObject = (doc: object, kind: FlowcontrolObject['kind'], at: string): E.Either<ReadonlyArray<Problem>, FlowcontrolObject> => {
  const name = (doc as { metadata?: { name?: unknown } }).metadata?.name
  const where = `${at} (${kind}${typeof name === 'string' ? ` ${JSON.stringify(name)}` : ''})`
  const codec: t.Decoder<unknown, FlowcontrolObject> = kind === 'FlowSchema' ? FlowSchema : PriorityLevelConfiguration
  const unknown = unknownFieldPaths(codec, doc).map((path) => ({ path: `${where}.${path}`, message: 'unknown field' }))
  const decoded = codec.decode(doc)
  if (E.isLeft(decoded)) return E.left([...unknown, ...decodeProblems(decoded.left, where)])
  const object = decoded.right.kind === 'FlowSchema' ? defaultFlowSchema(decoded.right) : defaultPriorityLevel(decoded.right)
  const invalid = object.kind === 'FlowSchema' ? validateFlowSchema(object) : validatePriorityLevel(object)
  const problems = [...unknown, ...invalid.map((p) => ({ path: `${where}.${p.path}`, message: p.message }))]
  return problems.length > 0 ? E.left(problems) : E.right(object)
}

/** io-ts errors as one problem per field: the field's path, the expected codec's name, the value got. */
const decodeProblems = (errors: t.Errors, where: string): ReadonlyArray<Problem> => {
  const seen = new Set<string>()
  return errors.flatMap((e) => {
    const path = fieldPath(e.context)
    const last = e.context[e.context.length - 1]
    const p = {
      path: path === '' ? where : `${where}.${path}`,
      message: `expected ${last?.type.name ?? 'a valid value'}, got ${JSON.stringify(e.value) ?? 'nothing'}`,
    }
    if (seen.has(p.path)) return []
    seen.add(p.path)
    return [p]
  })
}

/** `spec.rules[1].subjects` from an io-ts context: array indexes in brackets, codec wrappers skipped. */
const fieldPath = (context: t.Context): string => {
  let path = ''
  context.forEach((c, i) => {
    const parent = context[i - 1]
    if (i === 0 || parent === undefined || !structural(parent.type)) return
    path += /^\d+$/.test(c.key) ? `[${c.key}]` : path === '' ? c.key : `.${c.key}`
  })
  return path
}

const structural = (type: t.Decoder<unknown, unknown>): boolean => {
  let base = type as unknown as { readonly _tag?: string; readonly type?: unknown }
  while (base._tag === 'ReadonlyType' && base.type !== undefined) base = base.type as typeof base
  return ['InterfaceType', 'PartialType', 'ReadonlyArrayType', 'ArrayType', 'DictionaryType'].includes(base._tag ?? '')
}
