import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as O from 'fp-ts/lib/Option.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Clock } from '../core/clock.js'
import { queryValue } from '../core/query.js'
import { type Request, header } from '../core/request.js'
import type { HttpResponse } from '../core/response.js'
import { type ApiError, toResponse } from '../core/status.js'
import { notFound } from '../core/status-errors.js'
import { checkStrict, typeMetaMismatch } from '../endpoints/decode-object.js'
import type { JsonObject } from '../endpoints/json-value.js'
import type { ObjectResponder } from '../endpoints/object-response.js'
import { applyJsonPatch } from '../endpoints/patch/json-patch.js'
import { applyMergePatch } from '../endpoints/patch/merge-patch.js'
import { checkPatchedObject } from '../endpoints/patch/check-patched-object.js'
import { patchOptionErrors } from '../endpoints/patch/patch-errors.js'
import { decodeApplyPatch, serverSideApply } from '../endpoints/patch/server-side-apply.js'
import { type PatchType, patchTypeOf, unsupportedPatchType } from '../endpoints/patch/patch-type.js'
import { applyStrategicMergePatch } from '../endpoints/patch/strategic-merge-patch.js'
import { maxRequestBodyBytes } from '../endpoints/read-object.js'
import type { SchemaModels } from '../endpoints/schema.js'
import { type WriteOptions, writeOptions } from '../endpoints/write-options.js'
import { readBodyLimited } from '../filters/read-body.js'
import { addWarning } from '../request/warnings.js'
import { type ConfigMap, type ConfigMapInput, decodeConfigMap } from './configmap-codec.js'
import { configMapDefinition } from './configmap-definition.js'
import { type ConfigMapStore, rfc3339 } from './configmap-store.js'
import type { StoreOptions } from './configmap-writes.js'

/** What a patch needs: the store to read the live object, the models, the clock, and the write that checks and stores the result. */
export interface PatchDeps {
  readonly store: ConfigMapStore
  readonly models: SchemaModels
  readonly clock: Clock
  readonly write: (input: ConfigMapInput, namespace: string, name: string, opts: StoreOptions, creating: boolean) => E.Either<ApiError, ConfigMap>
}

interface Patching {
  readonly type: PatchType
  readonly opts: WriteOptions
  readonly live: O.Option<JsonObject>
}

/**
 * PATCH of one ConfigMap, as upstream's patch handler: the patch type from Content-Type (415 for
 * another), the patch options (`force` only with apply, apply needs `fieldManager`, then what every
 * write checks; 422), the body (3 MiB), the live object (404 when missing), the patch applied (JSON
 * patch, merge patch, strategic merge patch by the model's patch strategies), the result checked for
 * unknown fields under `fieldValidation`, and stored as an update would be (validation, immutability,
 * a resourceVersion in the patch is a precondition: 409 when stale; `dryRun=All` stores nothing).
 * An apply patch (`application/apply-patch+yaml`) is server-side apply (`serverSideApply`): it may
 * create the object (201), and records its own managed fields; the other types record an Update entry.
 * @example
 * patchConfigMap(req, 'default', 'web', { store, models, clock, write }, respond)
 */
export const patchConfigMap = (req: Request, namespace: string, name: string, deps: PatchDeps, respond: ObjectResponder): T.Task<HttpResponse> =>
  pipe(
    TE.fromEither(patching(req, namespace, name, deps)),
    TE.chain((p) =>
      pipe(
        readBodyLimited(req, maxRequestBodyBytes),
        TE.chainEitherK((body) => patched(p, body, name, namespace, deps)),
        TE.chainEitherK((object) => checkPatchedObject(object, name, namespace)),
        TE.chainEitherK((object) => store(req, object, namespace, name, p, deps)),
        TE.map((cm) => respond(O.isNone(p.live) ? 201 : 200, cm as unknown as JsonObject)),
      ),
    ),
    TE.getOrElse((e) => T.of(toResponse(e))),
  )

const patching = (req: Request, namespace: string, name: string, deps: PatchDeps): E.Either<ApiError, Patching> => {
  const type = patchTypeOf(header(req, 'content-type') ?? '')
  if (O.isNone(type)) return E.left(unsupportedPatchType())
  const forceGiven = queryValue(req, 'force') !== undefined
  const opts = writeOptions(req, 'PatchOptions', patchOptionErrors(type.value, queryValue(req, 'fieldManager') ?? '', forceGiven))
  if (E.isLeft(opts)) return opts
  const live = O.map((cm: ConfigMap) => cm as unknown as JsonObject)(deps.store.get(namespace, name))
  if (O.isNone(live) && type.value !== 'application/apply-patch+yaml') return E.left(notFound('', 'configmaps', name))
  return E.right({ type: type.value, opts: opts.right, live })
}

const patched = (p: Patching, body: Uint8Array, name: string, namespace: string, deps: PatchDeps): E.Either<ApiError, JsonObject> => {
  const live = O.getOrElse((): JsonObject => ({}))(p.live)
  const models = deps.models
  switch (p.type) {
    case 'application/json-patch+json':
      return applyJsonPatch(live, body)
    case 'application/merge-patch+json':
      return applyMergePatch(live, body)
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(live, body, schema, models)
    case 'application/apply-patch+yaml':
      return pipe(
        decodeApplyPatch(body),
        E.chain((applied) => checkPatchedObject(applied, name, namespace)),
        E.chain((applied) => serverSideApply(p.live, applied, { manager: p.opts.fieldManager, force: p.opts.force, now: rfc3339(deps.clock.now()), schema, models })),
      )
  }
}

const schema = { $ref: configMapDefinition.model }

const store = (req: Request, object: JsonObject, namespace: string, name: string, p: Patching, deps: PatchDeps): E.Either<ApiError, ConfigMap> => {
  const mismatch = typeMetaMismatch(object, configMapDefinition)
  if (mismatch !== undefined) return E.left(mismatch)
  return pipe(
    checkStrict(object, configMapDefinition, deps.models, p.opts.fieldValidation),
    E.map((decoded) => {
      for (const w of decoded.warnings) addWarning(req, '', w)
      return decoded.object
    }),
    E.chain(decodeConfigMap),
    E.chain((input) => deps.write(input, namespace, name, { ...p.opts, recordsUpdate: p.type !== 'application/apply-patch+yaml' }, O.isNone(p.live))),
  )
}
