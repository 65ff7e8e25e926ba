import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as O from 'fp-ts/lib/Option.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { goJson } from '../core/go-json.js'
import type { Request } from '../core/request.js'
import { type HttpResponse, bytes } from '../core/response.js'
import { type ApiError, toResponse } from '../core/status.js'
import { badRequest, notFound } from '../core/status-errors.js'
import { readBodyLimited } from '../filters/read-body.js'
import { conflict, invalid, staleObjectMessage } from './api-errors.js'
import { apiJson } from './api-json.js'
import { type ConfigMap, type ConfigMapInput, decodeConfigMap } from './configmap-codec.js'
import type { ConfigMapDraft, ConfigMapStore } from './configmap-store.js'
import { validateConfigMap, validateConfigMapUpdate } from './configmap-validation.js'

/** Upstream's cap on a request body (`MaxRequestBodyBytes`, 3 MiB); a longer body is 413. */
export const maxRequestBodyBytes = 3 * 1024 * 1024

/** The write operations on ConfigMaps, each answering a complete response. */
export interface ConfigMapWrites {
  readonly create: (req: Request, namespace: string) => T.Task<HttpResponse>
  readonly update: (req: Request, namespace: string, name: string) => T.Task<HttpResponse>
  readonly remove: (namespace: string, name: string) => HttpResponse
}

const namespaceMismatch = 'the namespace of the provided object does not match the namespace sent on the request'
const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789'

/**
 * Builds create (201 with the object), update (200; 404 missing, 409 on a stale resourceVersion, 422
 * invalid or immutable) and delete (200 with upstream's Success Status). Bodies are read with
 * `readBodyLimited` (3 MiB, 413 beyond). `random` draws `generateName` suffixes (5 characters, as upstream).
 * @example
 * const writes = configMapWrites(store, Math.random)
 */
export const configMapWrites = (store: ConfigMapStore, random: () => number): ConfigMapWrites => {
  const suffix = (): string => Array.from({ length: 5 }, () => NAME_CHARS[Math.floor(random() * NAME_CHARS.length)]).join('')
  const create = (input: ConfigMapInput, namespace: string): E.Either<ApiError, ConfigMap> => {
    const meta = input.metadata ?? {}
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) return E.left(badRequest(namespaceMismatch))
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
      return E.left(badRequest('resourceVersion should not be set on objects to be created'))
    }
    const generate = (meta.name === undefined || meta.name === '') && meta.generateName !== undefined && meta.generateName !== ''
    const draft = toDraft(input, namespace, generate ? `${meta.generateName}${suffix()}` : (meta.name ?? ''))
    const errs = validateConfigMap(asStored(draft))
    return errs.length > 0 ? E.left(invalid('', 'ConfigMap', draft.metadata.name, errs)) : store.create(draft)
  }
  return {
    create: (req, namespace) => respond(req, 201, (input) => create(input, namespace)),
    update: (req, namespace, name) => respond(req, 200, (input) => update(store, input, namespace, name)),
    remove: (namespace, name) =>
      pipe(
        store.remove(namespace, name),
        E.match(toResponse, (old) => deletedStatus(old)),
      ),
  }
}

const respond = (req: Request, status: number, write: (input: ConfigMapInput) => E.Either<ApiError, ConfigMap>): T.Task<HttpResponse> =>
  pipe(
    readBodyLimited(req, maxRequestBodyBytes),
    TE.chainEitherK(decodeConfigMap),
    TE.chainEitherK(write),
    TE.match(toResponse, (cm) => apiJson(status, cm)),
  )

const update = (store: ConfigMapStore, input: ConfigMapInput, namespace: string, name: string): E.Either<ApiError, ConfigMap> => {
  const meta = input.metadata ?? {}
  const bodyName = meta.name ?? ''
  if (bodyName !== name) return E.left(badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`))
  if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) return E.left(badRequest(namespaceMismatch))
  const old = store.get(namespace, name)
  if (O.isNone(old)) return E.left(notFound('', 'configmaps', name))
  const rv = meta.resourceVersion ?? ''
  if (rv !== '' && rv !== old.value.metadata.resourceVersion) return E.left(conflict('', 'configmaps', name, staleObjectMessage))
  const draft = toDraft(input, namespace, name)
  const errs = validateConfigMapUpdate(asStored(draft, old.value), old.value)
  return errs.length > 0 ? E.left(invalid('', 'ConfigMap', name, errs)) : store.update(draft)
}

/** The draft of an object from what the client sent; server-owned fields are dropped. */
const toDraft = (input: ConfigMapInput, namespace: string, name: string): ConfigMapDraft => {
  const m = input.metadata ?? {}
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: {
      name,
      ...(m.generateName ? { generateName: m.generateName } : {}),
      namespace,
      ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
      ...(m.labels ? { labels: m.labels } : {}),
      ...(m.annotations ? { annotations: m.annotations } : {}),
    },
    ...(input.immutable !== undefined ? { immutable: input.immutable } : {}),
    ...(input.data ? { data: input.data } : {}),
    ...(input.binaryData ? { binaryData: input.binaryData } : {}),
  }
}

const asStored = (draft: ConfigMapDraft, like?: ConfigMap): ConfigMap => ({
  ...draft,
  metadata: { ...draft.metadata, uid: like?.metadata.uid ?? '', creationTimestamp: '', resourceVersion: '' },
})

/** Upstream's answer to deleting a ConfigMap: a Success Status naming it (no `code`: it is zero, left out). */
const deletedStatus = (old: ConfigMap): HttpResponse =>
  bytes(
    200,
    `${goJson({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: old.metadata.name, kind: 'configmaps', uid: old.metadata.uid } })}\n`,
    { 'content-type': 'application/json' },
  )
