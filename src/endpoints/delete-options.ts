import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { query } from '../core/query.js'
import type { Request } from '../core/request.js'
import type { ApiError } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'
import { invalid } from './api-errors.js'
import { type FieldError, notSupportedField } from './field-error.js'
import { readBodyLimited } from '../core/read-body.js'
import { type JsonObject, isJsonObject } from './json-value.js'
import { negotiateInput } from './negotiate-input.js'
import { decodeProtobufDeleteOptions } from './protobuf/decode-protobuf-object.js'
import { maxRequestBodyBytes } from './read-object.js'
import { parse as parseYaml } from 'yaml'

/** What a delete was asked with (`metav1.DeleteOptions`, the fields this library acts on). */
export interface DeleteOptions {
  readonly dryRun: boolean
  /** Preconditions: the delete fails with 409 unless the live object has this uid / resourceVersion. */
  readonly uid: string | undefined
  readonly resourceVersion: string | undefined
}

const policies = ['Foreground', 'Background', 'Orphan', 'nil']

/**
 * Reads a delete's options as upstream's delete handler does: from the body when there is one (JSON,
 * YAML or Kubernetes protobuf `DeleteOptions`, any group and version), else from the query
 * (`dryRun`, `propagationPolicy`, `gracePeriodSeconds`). `dryRun` other than `All` and an unknown
 * `propagationPolicy` are 422 on `DeleteOptions.meta.k8s.io ""`. Grace periods and propagation have
 * nothing to act on here (no finalizers, no dependents) and are accepted.
 * @example
 * readDeleteOptions(req) // TE.right({ dryRun: false, uid: undefined, resourceVersion: undefined })
 */
export const readDeleteOptions = (req: Request): TE.TaskEither<ApiError, DeleteOptions> =>
  pipe(
    readBodyLimited(req, maxRequestBodyBytes),
    TE.chainEitherK((body) => (body.length === 0 ? E.right(fromQuery(req)) : fromBody(req, body))),
    TE.chainEitherK(validated),
  )

const fromQuery = (req: Request): JsonObject => {
  const q = query(req)
  const policy = q.get('propagationPolicy')?.[0]
  return { dryRun: q.get('dryRun') ?? [], ...(policy === undefined ? {} : { propagationPolicy: policy }) }
}

const fromBody = (req: Request, body: Uint8Array): E.Either<ApiError, JsonObject> => {
  const format = negotiateInput(req)
  if (E.isLeft(format)) return format
  if (format.right === 'protobuf') return decodeProtobufDeleteOptions(body)
  return pipe(
    E.tryCatch(
      () =>
        format.right === 'yaml'
          ? (parseYaml(Buffer.from(body).toString('utf8')) as unknown)
          : (JSON.parse(Buffer.from(body).toString('utf8')) as unknown),
      (e) => badRequest(`couldn't get version/kind; json parse error: ${e instanceof Error ? e.message : String(e)}`),
    ),
    E.chain((v) =>
      isJsonObject(v) ? E.right(v) : E.left(badRequest("couldn't get version/kind; json parse error: expected a JSON object")),
    ),
  )
}

const validated = (o: JsonObject): E.Either<ApiError, DeleteOptions> => {
  const dryRun = Array.isArray(o['dryRun']) ? (o['dryRun'] as ReadonlyArray<unknown>).map(String) : []
  const policy = o['propagationPolicy']
  const errs: FieldError[] = [
    ...(dryRun.every((v) => v === 'All')
      ? []
      : [notSupportedField('dryRun', `[]string{${dryRun.map((v) => JSON.stringify(v)).join(', ')}}`, ['All'])]),
    ...(policy === undefined || policy === null || policies.includes(String(policy))
      ? []
      : [notSupportedField('propagationPolicy', JSON.stringify(String(policy)), policies)]),
  ]
  if (errs.length > 0) return E.left(invalid('meta.k8s.io', 'DeleteOptions', '', errs))
  const pre = isJsonObject(o['preconditions']) ? o['preconditions'] : {}
  return E.right({
    dryRun: dryRun.length > 0,
    uid: typeof pre['uid'] === 'string' ? pre['uid'] : undefined,
    resourceVersion: typeof pre['resourceVersion'] === 'string' ? pre['resourceVersion'] : undefined,
  })
}

/** Upstream's 409 when a precondition does not hold (`Precondition failed: UID in precondition: a, UID in object meta: b`). */
export const preconditionFailure = (
  opts: DeleteOptions,
  live: { readonly uid: string; readonly resourceVersion: string },
): string | undefined => {
  if (opts.uid !== undefined && opts.uid !== live.uid)
    return `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${live.uid}`
  if (opts.resourceVersion !== undefined && opts.resourceVersion !== live.resourceVersion) {
    return `Precondition failed: ResourceVersion in precondition: ${opts.resourceVersion}, ResourceVersion in object meta: ${live.resourceVersion}`
  }
  return undefined
}
