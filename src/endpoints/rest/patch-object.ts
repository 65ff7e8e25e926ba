import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as O from 'fp-ts/lib/Option.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Clock } from '../../core/clock.js'
import { queryValue } from '../../core/query.js'
import { type Request, header } from '../../core/request.js'
import type { HttpResponse } from '../../core/response.js'
import { type ApiError, toResponse } from '../../core/status.js'
import { notFound } from '../../core/status-errors.js'
import { readBodyLimited } from '../../core/read-body.js'
import { addWarning } from '../../request/warnings.js'
import { checkStrict, typeMetaMismatch } from '../decode-object.js'
import type { JsonObject } from '../json-value.js'
import type { ObjectResponder } from '../object-response.js'
import { checkPatchedObject } from '../patch/check-patched-object.js'
import { applyJsonPatch } from '../patch/json-patch.js'
import { applyMergePatch } from '../patch/merge-patch.js'
import { patchOptionErrors } from '../patch/patch-errors.js'
import { type PatchType, patchTypeOf, unsupportedPatchType } from '../patch/patch-type.js'
import { decodeApplyPatch, serverSideApply } from '../patch/server-side-apply.js'
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js'
import { maxRequestBodyBytes } from '../read-object.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { Schema, SchemaModels } from '../schema.js'
import { type WriteOptions, writeOptions } from '../write-options.js'
import { rfc3339 } from './object-meta.js'
import type { ObjectStore } from './object-store.js'
import type { ResourceStrategy } from './resource-strategy.js'
import type { StoreOptions } from './write-draft.js'

/** What a patch needs: the store to read the live object, the kind's strategy, the models, the clock, and the write that checks and stores the result. */
export interface PatchDeps {
  readonly store: ObjectStore
  readonly strategy: ResourceStrategy
  readonly models: SchemaModels
  readonly clock: Clock
  readonly write: (
    input: JsonObject,
    namespace: string,
    name: string,
    opts: StoreOptions,
    creating: boolean,
  ) => E.Either<ApiError, JsonObject>
}

interface Patching {
  readonly def: ResourceDefinition
  readonly schema: Schema
  readonly type: PatchType
  readonly opts: WriteOptions
  readonly live: O.Option<JsonObject>
}

/**
 * PATCH of one object, as upstream's patch handler: the patch type from Content-Type (415 for
 * another), the patch options (`force` only with apply, apply needs `fieldManager`, then what every
 * write checks; 422), the body (3 MiB), the live object (404 when missing), the patch applied (JSON
 * patch, merge patch, strategic merge patch by the model's patch strategies), the result checked for
 * unknown fields under `fieldValidation`, typed by the strategy, and stored as an update would be
 * (validation, a resourceVersion in the patch is a precondition: 409 when stale; `dryRun=All` stores nothing).
 * An apply patch (`application/apply-patch+yaml`) is server-side apply (`serverSideApply`): it may
 * create the object (201), and records its own managed fields; the other types record an Update entry.
 * @example
 * const writes = restWrites(configMapDefinition, store, defaultStrategy, { random: Math.random, clock, models })
 * const respond: ObjectResponder = (status, object) => json(status, object)
 * patchObject(configMapDefinition, req, 'default', 'web', { store, strategy: defaultStrategy, models, clock, write: writes.store }, respond)
 */
export const patchObject = (
  def: ResourceDefinition,
  req: Request,
  namespace: string,
  name: string,
  deps: PatchDeps,
  respond: ObjectResponder,
): T.Task<HttpResponse> =>
  pipe(
    TE.fromEither(patching(def, req, namespace, name, deps)),
    TE.chain((p) =>
      pipe(
        readBodyLimited(req, maxRequestBodyBytes),
        TE.chainEitherK((body) => patched(p, body, name, namespace, deps)),
        TE.chainEitherK((object) => checkPatchedObject(object, name, namespace)),
        TE.chainEitherK((object) => store(req, object, namespace, name, p, deps)),
        TE.map((object) => respond(O.isNone(p.live) ? 201 : 200, object)),
      ),
    ),
    TE.getOrElse((e) => T.of(toResponse(e))),
  )

const patching = (
  def: ResourceDefinition,
  req: Request,
  namespace: string,
  name: string,
  deps: PatchDeps,
): E.Either<ApiError, Patching> => {
  const type = patchTypeOf(header(req, 'content-type') ?? '')
  if (O.isNone(type)) return E.left(unsupportedPatchType())
  const forceGiven = queryValue(req, 'force') !== undefined
  const opts = writeOptions(req, 'PatchOptions', patchOptionErrors(type.value, queryValue(req, 'fieldManager') ?? '', forceGiven))
  if (E.isLeft(opts)) return opts
  const live = deps.store.get(namespace, name)
  if (O.isNone(live) && type.value !== 'application/apply-patch+yaml') return E.left(notFound(def.group, def.resource, name))
  return E.right({ def, schema: { $ref: def.model }, type: type.value, opts: opts.right, live })
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
      return applyStrategicMergePatch(live, body, p.schema, models)
    case 'application/apply-patch+yaml':
      return pipe(
        decodeApplyPatch(body),
        E.chain((applied) => checkPatchedObject(applied, name, namespace)),
        E.chain((applied) =>
          serverSideApply(p.live, applied, {
            manager: p.opts.fieldManager,
            force: p.opts.force,
            now: rfc3339(deps.clock.now()),
            schema: p.schema,
            models,
          }),
        ),
      )
  }
}

const store = (
  req: Request,
  object: JsonObject,
  namespace: string,
  name: string,
  p: Patching,
  deps: PatchDeps,
): E.Either<ApiError, JsonObject> => {
  const mismatch = typeMetaMismatch(object, p.def)
  if (mismatch !== undefined) return E.left(mismatch)
  return pipe(
    checkStrict(object, p.def, deps.models, p.opts.fieldValidation),
    E.map((decoded) => {
      for (const w of decoded.warnings) addWarning(req, '', w)
      return decoded.object
    }),
    E.chain(deps.strategy.decode),
    E.chain((input) =>
      deps.write(input, namespace, name, { ...p.opts, recordsUpdate: p.type !== 'application/apply-patch+yaml' }, O.isNone(p.live)),
    ),
  )
}
